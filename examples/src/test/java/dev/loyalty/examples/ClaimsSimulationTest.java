package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.simulation.ActivityGenerator;
import dev.loyalty.core.simulation.Channel;
import dev.loyalty.core.simulation.ChannelGenerator;
import dev.loyalty.core.simulation.ChannelShape;
import dev.loyalty.core.simulation.Claiming;
import dev.loyalty.core.simulation.SimulationReport;
import dev.loyalty.core.simulation.Simulator;
import dev.loyalty.core.simulation.WhatIfReport;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.standard.StandardRules;
import dev.loyalty.rules.testing.ReportInvariants;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Simulated claims under the ready-made program and rules (claim-risk's signals): duplicates caught,
 * claims the records cannot confirm flagged, and what a lower review threshold or a higher block
 * threshold changes.
 */
class ClaimsSimulationTest {
  private static final Program PROGRAM = ProgramLoader.fromJson(new InputStreamReader(Objects.requireNonNull(
      ClaimsSimulationTest.class.getClassLoader().getResourceAsStream("dev/loyalty/rules/samples/standard-program.json")),
      StandardCharsets.UTF_8));
  private static final DroolsRuleEngine RULES = DroolsRuleEngine.of(StandardRules.ruleSet("claims-1", Instant.MIN));
  private static final Channel CHANNEL = ChannelGenerator.seeded(5).generate(ChannelShape.ofPartners(60));
  private static final ActivityGenerator YEAR = ActivityGenerator.of(CHANNEL, 5).perPartnerYear(40);
  private static final Simulator SIMULATOR = Simulator.of(CHANNEL).lean().claims(Claiming.of(25, 5));

  private static Program withParameter(String name, String value) {
    Map<String, String> parameters = new HashMap<>(PROGRAM.parameters());
    parameters.put(name, value);
    return new Program(PROGRAM.id(), PROGRAM.name(), PROGRAM.zone(), PROGRAM.pointValue(), PROGRAM.tiers(),
        PROGRAM.tierPolicy(), PROGRAM.campaigns(), PROGRAM.earnSplit(), PROGRAM.expiry(), PROGRAM.accounts(),
        parameters, PROGRAM.reviewAbovePoints());
  }

  @Test
  void aLowerReviewScoreHoldsMoreClaims_theDeskPaysTheHonestOnes() {
    WhatIfReport change = SIMULATOR.whatIf(PROGRAM, RULES, withParameter("risk.review-score", "30"), RULES, YEAR);
    SimulationReport.Claims a = change.a().claims();
    SimulationReport.Claims b = change.b().claims();
    assertThat(ReportInvariants.violations(change.a())).isEmpty();
    assertThat(ReportInvariants.violations(change.b())).isEmpty();

    // the defaults: a duplicate scores 100 and is blocked; records that miss or differ score 30, paid
    assertThat(a.duplicates()).isPositive();
    assertThat(a.bySignal().get("duplicate-invoice")).isEqualTo(a.duplicates());
    assertThat(a.blocked()).isGreaterThanOrEqualTo(a.duplicates());
    assertThat(a.bySignal().get("unverified-invoice")).isPositive();
    // B holds the claims the records cannot confirm; the desk approves them, so they are still paid
    assertThat(b.heldForReview()).isGreaterThan(a.heldForReview());
    assertThat(b.paidOnReview()).isGreaterThan(a.paidOnReview());
    assertThat(b.bySignal().get("unverified-invoice")).as("the same records").isEqualTo(a.bySignal()
        .get("unverified-invoice"));
    WhatIfReport.Difference held = change.overall().stream().filter(d -> d.measure().equals("claims held for review"))
        .findFirst().orElseThrow();
    assertThat(held.change()).isEqualTo(b.heldForReview() - a.heldForReview()).isPositive();
  }

  @Test
  void aHigherBlockScoreSendsDuplicatesToTheDesk_whichRejectsThem() {
    SimulationReport report = SIMULATOR.simulate(withParameter("risk.block-score", "1000"), RULES, YEAR);
    SimulationReport.Claims claims = report.claims();
    assertThat(ReportInvariants.violations(report)).isEmpty();
    assertThat(claims.duplicates()).isPositive();
    // held, not blocked (what else blocks is a sale's own risk rule: more than 1,000 units on a line)
    assertThat(claims.rejected()).isEqualTo(claims.duplicates()).isEqualTo(claims.bySignal().get("duplicate-invoice"));
    assertThat(claims.blocked()).isLessThan(claims.duplicates());
    assertThat(claims.heldForReview()).isGreaterThanOrEqualTo(claims.duplicates());
  }
}
