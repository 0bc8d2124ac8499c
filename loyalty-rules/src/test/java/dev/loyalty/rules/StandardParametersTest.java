package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.rules.standard.StandardParameters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardParametersTest {
  @Test
  void theStandardProgramHasNoProblems() {
    assertThat(StandardParameters.problems(StandardProgram.program(1000))).isEmpty();
  }

  @Test
  void everyBadParameterIsNamedOnce() {
    Map<String, String> parameters = new HashMap<>(StandardProgram.PARAMETERS);
    parameters.remove("earn.points");
    parameters.put("earn.per-amount", "0");
    parameters.put("mix.points", "2.5");
    parameters.put("streak.points", "-1");
    parameters.put("multiplier.category.cables", "0.5");
    parameters.put("training.points.safety", "lots");
    parameters.put("threshold.monthly-sales", "500000:500, 1000000");
    parameters.put("threshold.monthy-sales", "1");
    parameters.put("points-per-100", "1"); // the program's own DRL may read it: not a problem
    Program p = StandardProgram.program(1000);
    Campaign monsoon = p.campaigns().get(0);
    Campaign campaign = new Campaign(monsoon.id(), monsoon.name(), monsoon.startsOn(), monsoon.endsOn(),
        monsoon.target(), monsoon.budget(), Map.of("bonus-percent", "fifty", "min-invoce", "100"));
    Program program = new Program(p.id(), p.name(), p.zone(), p.pointValue(), p.tiers(), p.tierPolicy(),
        List.of(campaign), p.earnSplit(), p.expiry(), p.accounts(), parameters);

    assertThat(StandardParameters.problems(program)).extracting(InputProblem::toString).containsExactly(
        "$.parameters['earn.per-amount']: is 0; it must be positive",
        "$.parameters['mix.points']: is 2.5; it must be a whole number",
        "$.parameters['multiplier.category.cables']: is 0.5; a product multiplier must be at least 1",
        "$.parameters['streak.points']: is -1; it must not be negative",
        "$.parameters['threshold.monthly-sales']: parameter 'threshold.monthly-sales' of program standard-2026 has "
            + "the entry '1000000'; write amount:points with both positive, e.g. 500000:500",
        "$.parameters['training.points.safety']: is 'lots', not a number",
        "$.parameters['earn.per-amount']: is set but 'earn.points' is not; the earn rate needs both",
        "$.campaigns[0].parameters['bonus-percent']: is 'fifty', not a number",
        "$.parameters['threshold.monthy-sales']: is not read by any ready-made rule; did you mean "
            + "'threshold.monthly-sales'?",
        "$.campaigns[0].parameters['min-invoce']: is not read by any ready-made rule; did you mean 'min-invoice'?");
  }
}
