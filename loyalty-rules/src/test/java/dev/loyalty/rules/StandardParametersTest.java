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

  @Test
  void theClaimRiskParametersAreCheckedOneByOneAndTogether() {
    Map<String, String> parameters = new HashMap<>(StandardProgram.PARAMETERS);
    parameters.put("risk.duplicate-invoice.score", "0");
    parameters.put("risk.shared-invoice.score", "2.5");
    parameters.put("risk.serial-claimed.score", "3000000000");
    parameters.put("risk.claim-velocity.factor", "-2");
    parameters.put("risk.amount-outlier.deviations", "many");
    parameters.put("risk.min-history-days", "0");
    parameters.put("risk.block-score", "50");
    parameters.put("risk.campaing-end.score", "50");

    assertThat(problemsOf(parameters)).containsExactly(
        "$.parameters['risk.amount-outlier.deviations']: is 'many', not a number",
        "$.parameters['risk.claim-velocity.factor']: is -2; it must be positive",
        "$.parameters['risk.duplicate-invoice.score']: is 0; it must be 1 to 2147483647",
        "$.parameters['risk.min-history-days']: is 0; it must be 1 to 9223372036854775807",
        "$.parameters['risk.serial-claimed.score']: is 3000000000; it must be 1 to 2147483647",
        "$.parameters['risk.shared-invoice.score']: is 2.5; it must be a whole number",
        "$.parameters['risk.block-score']: is 50, not above 'risk.review-score' (50): a claim would be blocked before "
            + "it could be reviewed",
        "$.parameters['risk.campaing-end.score']: is not read by any ready-made rule; did you mean "
            + "'risk.campaign-end.score'?");
  }

  @Test
  void aDrainShareIsAShare_aRiseIsBelowTheSpike_aChangeWindowIsWholeDays() {
    Map<String, String> parameters = new HashMap<>(StandardProgram.PARAMETERS);
    parameters.put("risk.account-takeover.drain-share", "1.2");
    parameters.put("risk.account-takeover.change-days", "0.5");
    parameters.put("risk.campaign-end-rise.factor", "3");

    assertThat(problemsOf(parameters)).containsExactly(
        "$.parameters['risk.account-takeover.change-days']: is 0.5; it must be a whole number",
        "$.parameters['risk.account-takeover.drain-share']: is 1.2; a share must be above 0 and at most 1",
        "$.parameters['risk.campaign-end-rise.factor']: is 3, not below 'risk.campaign-end.factor' (3): the rise is the "
            + "spike's lower step and would never fire");

    parameters.put("risk.account-takeover.drain-share", "0");
    parameters.remove("risk.account-takeover.change-days");
    parameters.remove("risk.campaign-end.score"); // without the spike, the rise has no upper step
    assertThat(problemsOf(parameters)).containsExactly(
        "$.parameters['risk.account-takeover.drain-share']: is 0; a share must be above 0 and at most 1");
  }

  /** The problems of the standard program with {@code parameters}, as sentences. */
  private static List<String> problemsOf(Map<String, String> parameters) {
    return StandardParameters.problems(StandardProgram.program(1000).withParameters(parameters)).stream()
        .map(InputProblem::toString).toList();
  }

  @Test
  void theRenamedSharedPhoneScoreSaysItsNewName_inTheEnginesCheckToo() {
    Map<String, String> parameters = new HashMap<>(StandardProgram.PARAMETERS);
    parameters.remove("risk.shared-contact.score");
    parameters.put("risk.shared-phone.score", "30");
    Program program = StandardProgram.program(1000).withParameters(parameters);

    String renamed = "$.parameters['risk.shared-phone.score']: is not read by any ready-made rule; it is "
        + "'risk.shared-contact.score' now, which covers e-mails and delivery addresses too";
    assertThat(problemsOf(parameters)).containsExactly(renamed);
    assertThat(StandardProgram.engine().problems(program)).extracting(InputProblem::toString).containsExactly(
        "$.parameters['risk.shared-phone.score']: is not read by any rule of rule set standard-1; it is "
            + "'risk.shared-contact.score' now, which covers e-mails and delivery addresses too");
  }

  @Test
  void signalsScoredWithoutAReviewThresholdWouldHoldNothing() {
    Map<String, String> parameters = new HashMap<>(StandardProgram.PARAMETERS);
    parameters.remove("risk.review-score");
    parameters.remove("risk.block-score");

    assertThat(problemsOf(parameters)).containsExactly(
        "$.parameters['risk.unverified-invoice.score']: scores a risk signal, but 'risk.review-score' is not set: no "
            + "score would send a claim to review");
  }
}
