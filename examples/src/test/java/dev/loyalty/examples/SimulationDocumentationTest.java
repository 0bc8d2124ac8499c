package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.simulation.ActivityGenerator;
import dev.loyalty.core.simulation.Channel;
import dev.loyalty.core.simulation.ChannelGenerator;
import dev.loyalty.core.simulation.ChannelShape;
import dev.loyalty.core.simulation.SimulationReport;
import dev.loyalty.core.simulation.Simulator;
import dev.loyalty.core.simulation.WhatIfReport;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.standard.StandardRules;
import dev.loyalty.rules.testing.LoyaltyArbitraries;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** docs/SIMULATION.md: its first example runs as written, and its tables name every field and arbitrary. */
class SimulationDocumentationTest {
  private static final Path DOC = Path.of("..", "docs", "SIMULATION.md");

  @Test
  void theExampleRuns() {
    Program program = ProgramLoader.fromJson(new InputStreamReader(Objects.requireNonNull(getClass().getClassLoader()
        .getResourceAsStream("dev/loyalty/rules/samples/standard-program.json")), StandardCharsets.UTF_8));
    DroolsRuleEngine rules = DroolsRuleEngine.of(StandardRules.ruleSet("doc-1", Instant.MIN));
    Map<String, String> parameters = new HashMap<>(program.parameters());
    parameters.put("earn.points", "2");
    Program richerProgram = new Program(program.id(), program.name(), program.zone(), program.pointValue(),
        program.tiers(), program.tierPolicy(), program.campaigns(), program.earnSplit(), program.expiry(),
        program.accounts(), parameters, program.reviewAbovePoints());

    // as in the doc, with a smaller channel and year so that the test is quick
    Channel channel = ChannelGenerator.seeded(7).generate(ChannelShape.ofPartners(60));
    ActivityGenerator year = ActivityGenerator.of(channel, 7).perPartnerYear(20);

    Simulator simulator = Simulator.of(channel);
    SimulationReport report = simulator.simulate(program, rules, year);
    assertThat(report.points().outstanding()).isPositive();
    assertThat(report.liability().get(0).value()).isPresent();

    WhatIfReport change = simulator.whatIf(program, rules, richerProgram, rules, year);
    assertThat(change.overall()).anySatisfy(d -> {
      assertThat(d.measure()).isEqualTo("points issued");
      assertThat(d.b()).isGreaterThan(d.a());
    });
    assertThat(change.partners()).isNotEmpty();
  }

  @Test
  void theReportTableNamesEveryFieldAndTheKitTableEveryArbitrary() throws Exception {
    String doc = Files.readString(DOC);
    for (RecordComponent c : SimulationReport.class.getRecordComponents()) {
      assertThat(doc).as("field %s", c.getName()).contains("`" + c.getName() + "`");
    }
    for (RecordComponent c : SimulationReport.Activities.class.getRecordComponents()) {
      assertThat(doc).as("activities field %s", c.getName()).contains(c.getName());
    }
    for (RecordComponent c : SimulationReport.Points.class.getRecordComponents()) {
      assertThat(doc).as("points field %s", c.getName()).contains(c.getName());
    }
    for (Method m : LoyaltyArbitraries.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == LoyaltyArbitraries.class) {
        assertThat(doc).as("arbitrary %s", m.getName()).contains("`" + m.getName() + "(");
      }
    }
  }
}
