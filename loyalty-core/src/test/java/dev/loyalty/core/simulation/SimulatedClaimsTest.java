package dev.loyalty.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.claims.InvoiceMatch;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rewards.CatalogLoader;
import dev.loyalty.core.spi.InvoiceRegistry;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sell-out claims in a simulation ({@link Simulator#claims}), on core's sample rules, whose risk stage
 * holds invoices above a parameter for review: the report's claims against the engine's claims and
 * the ledger, determinism, lean runs, what-if, the review desk and expiry, and the refusals.
 */
class SimulatedClaimsTest {
  private static final Channel CHANNEL = SimulatorTest.CHANNEL;
  private static final ActivityGenerator YEAR = SimulatorTest.YEAR;
  /** Invoices above 150,000 INR are held for review (core's sample rules). */
  private static final Program PROGRAM = withParameter(SimulatorTest.PROGRAM, "review-above", "150000");
  private static final Claiming CLAIMING = Claiming.of(30, 3);

  private static Program withParameter(Program program, String name, String value) {
    Map<String, String> parameters = new HashMap<>(program.parameters());
    parameters.put(name, value);
    return ChannelFixture.withBudgetAndParameters(program, program.campaigns().get(0).budget(), parameters);
  }

  @Test
  void claimedSalesAreSubmittedReviewedAndPaid_andTheReportIsWhatTheEngineAndTheLedgerSay() {
    Simulation run = Simulator.of(CHANNEL).claims(CLAIMING)
        .redemptions(new Redeeming(CatalogLoader.fromJson(SimulatorTest.CATALOG, PROGRAM), 40, 5))
        .start(PROGRAM, new SampleRules());
    record(run);
    SimulationReport report = run.finish();
    LoyaltyEngine engine = run.engine();
    SimulatorTest.assertTheLedgerAgrees(report, engine, PROGRAM);

    // every claim the run made, from the engine's claim store, by status
    Map<ClaimStatus, Long> byStatus = new EnumMap<>(ClaimStatus.class);
    Map<InvoiceMatch, Long> byRecord = new EnumMap<>(InvoiceMatch.class);
    long sales = 0;
    long claimedSales = 0;
    long duplicates = 0;
    long paidPoints = 0;
    long paidAtOnce = 0;
    List<Activity> given = new ArrayList<>();
    YEAR.forEach(given::add);
    for (Activity a : given) {
      if (!(a instanceof Sale)) {
        continue;
      }
      sales++;
      Optional<Claim> claim = engine.claim(ClaimId.of("CLM-" + a.id().value()));
      Optional<Claim> twice = engine.claim(ClaimId.of("CLM-" + a.id().value() + "-DUP"));
      assertThat(engine.receipt(a.id()).isPresent()).as("sale %s recorded or claimed, not both", a.id())
          .isNotEqualTo(claim.isPresent());
      if (twice.isPresent()) {
        assertThat(claim).isPresent();
        duplicates++;
      }
      for (Claim c : claim.stream().toList()) {
        claimedSales++;
        byRecord.merge(c.records().match(), 1L, Long::sum);
        assertThat(c.claimant().value()).isEqualTo(Claiming.CLAIMANT);
        assertThat(c.submission().member()).isEqualTo(a.member());
      }
      for (Claim c : Stream.concat(claim.stream(), twice.stream()).toList()) {
        byStatus.merge(c.status(), 1L, Long::sum);
        if (c.status() == ClaimStatus.PAID) {
          paidPoints += c.points();
          if (c.history().stream().noneMatch(t -> t.to() == ClaimStatus.IN_REVIEW)) {
            paidAtOnce++;
          }
        }
      }
    }
    SimulationReport.Claims claims = report.claims();
    assertThat(claims.submitted()).isEqualTo(claimedSales + duplicates);
    assertThat(claims.duplicates()).isEqualTo(duplicates).isPositive();
    assertThat(claims.fromSales()).isEqualTo(claimedSales);
    assertThat(claimedSales).as("about 30% of the sales").isBetween(sales * 25 / 100, sales * 35 / 100);
    assertThat(claims.paid()).isEqualTo(byStatus.getOrDefault(ClaimStatus.PAID, 0L)).isPositive();
    assertThat(claims.paid() - claims.paidOnReview()).isEqualTo(paidAtOnce);
    assertThat(claims.heldForReview()).isPositive();
    assertThat(claims.paidOnReview()).as("the desk approves the honest held claims").isPositive();
    assertThat(claims.blocked()).isEqualTo(byStatus.getOrDefault(ClaimStatus.BLOCKED, 0L));
    assertThat(claims.rejected()).isEqualTo(byStatus.getOrDefault(ClaimStatus.REJECTED, 0L));
    assertThat(claims.expired()).isZero();
    assertThat(claims.waiting()).isEqualTo(byStatus.getOrDefault(ClaimStatus.IN_REVIEW, 0L));
    assertThat(claims.submitted()).isEqualTo(claims.paid() + claims.blocked() + claims.rejected() + claims.expired()
        + claims.waiting());
    assertThat(claims.points()).isEqualTo(paidPoints).isPositive();
    assertThat(claims.refused()).isZero();
    assertThat(claims.bySignal()).containsKey("large-invoice");
    // the records: most claims match, a few are not on record or differ
    assertThat(byRecord.get(InvoiceMatch.MATCHED)).isGreaterThan(claimedSales * 9 / 10);
    assertThat(byRecord.get(InvoiceMatch.NOT_FOUND)).isPositive();
    assertThat(byRecord.get(InvoiceMatch.MISMATCH)).isPositive();
    // every activity given is counted once: as an activity, a claimed sale, or a return of an unpaid claim
    assertThat(report.activities().total() + claims.fromSales() + claims.returnsLeftOut()).isEqualTo(given.size());

    // a return of a claimed and paid sale takes back what the claim paid
    long returnsOfClaims = given.stream().filter(a -> a instanceof SaleReturn ret
            && engine.claim(ClaimId.of("CLM-" + ret.invoice().value())).isPresent())
        .filter(a -> engine.receipt(a.id()).map(r -> r.status() == Receipt.Status.RETURNED).orElse(false)).count();
    assertThat(returnsOfClaims).isPositive();
  }

  /** Records the year into {@code run}; a refusal (a return of an invoice in review) is counted by the run. */
  private static void record(Simulation run) {
    for (Activity a : YEAR) {
      try {
        run.record(a);
      } catch (LoyaltyException counted) {
        // the report counts it
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameReport_andALeanRunTheSameFigures() {
    Simulator simulator = Simulator.of(CHANNEL).claims(CLAIMING);
    SimulationReport report = simulator.simulate(PROGRAM, new SampleRules(), YEAR);
    assertThat(report.claims().submitted()).isPositive();
    assertThat(simulator.simulate(PROGRAM, new SampleRules(), ActivityGenerator.of(CHANNEL, 11).perPartnerYear(60)))
        .isEqualTo(report);
    assertThat(simulator.lean().simulate(PROGRAM, new SampleRules(), YEAR)).isEqualTo(report);
    assertThat(Simulator.of(CHANNEL).claims(Claiming.of(30, 4)).simulate(PROGRAM, new SampleRules(), YEAR).claims())
        .as("another seed claims other sales").isNotEqualTo(report.claims());
  }

  @Test
  void noClaimsUnlessAsked_andNoneAtZeroPercent() {
    SimulationReport plain = Simulator.of(CHANNEL).simulate(PROGRAM, new SampleRules(), YEAR);
    assertThat(plain.claims()).isEqualTo(new SimulationReport.Claims(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(),
        List.of()));
    assertThat(Simulator.of(CHANNEL).claims(Claiming.of(0, 3)).simulate(PROGRAM, new SampleRules(), YEAR))
        .isEqualTo(plain);
  }

  @Test
  void whatIfOfARuleSetAgainstItselfWithClaimsFindsNoDifference() {
    WhatIfReport same = Simulator.of(CHANNEL).claims(CLAIMING).whatIf(PROGRAM, new SampleRules(), new SampleRules(),
        YEAR);
    assertThat(same.a().claims().submitted()).isPositive();
    assertThat(same.hasDifferences()).isFalse();
    assertThat(same.overall()).anySatisfy(d -> assertThat(d.measure()).isEqualTo("claims held for review"))
        .anySatisfy(d -> assertThat(d.measure()).isEqualTo("claims flagged large-invoice"))
        .allSatisfy(d -> assertThat(d.change()).isZero());
  }

  @Test
  void whatIfOfALowerReviewThresholdHoldsMoreClaims() {
    Program stricter = withParameter(PROGRAM, "review-above", "50000");
    WhatIfReport change = Simulator.of(CHANNEL).claims(CLAIMING).whatIf(PROGRAM, new SampleRules(), stricter,
        new SampleRules(), YEAR);
    WhatIfReport.Difference held = change.overall().stream()
        .filter(d -> d.measure().equals("claims held for review")).findFirst().orElseThrow();
    assertThat(held.a()).isEqualTo(change.a().claims().heldForReview());
    assertThat(held.b()).isEqualTo(change.b().claims().heldForReview());
    assertThat(held.change()).isPositive();
    assertThat(change.hasDifferences()).isTrue();
  }

  @Test
  void withoutAReviewDeskHeldClaimsExpire_andTheLedgerReleasesThem() {
    Simulation run = Simulator.of(CHANNEL).claims(CLAIMING.unreviewed()).start(PROGRAM, new SampleRules());
    record(run);
    SimulationReport report = run.finish();
    SimulatorTest.assertTheLedgerAgrees(report, run.engine(), PROGRAM);
    SimulationReport.Claims claims = report.claims();
    assertThat(claims.heldForReview()).isPositive();
    assertThat(claims.paidOnReview()).isZero();
    assertThat(claims.rejected()).isZero();
    assertThat(claims.expired()).isPositive();
    assertThat(claims.expired() + claims.waiting()).isEqualTo(claims.heldForReview());
    // the last month's held claims have not reached their 30-day deadline: their points are pending
    assertThat(claims.waiting()).isPositive();
    assertThat(report.points().pending()).isPositive();

    // a desk slower than the deadline leaves them to expire too
    SimulationReport slow = Simulator.of(CHANNEL).claims(CLAIMING.reviewedAfter(40))
        .simulate(PROGRAM, new SampleRules(), YEAR);
    assertThat(slow.claims()).isEqualTo(claims);
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> Claiming.of(101, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 100, got 101");
    assertThatThrownBy(() -> Claiming.of(-1, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got -1");
    assertThatThrownBy(() -> Claiming.of(10, 1).reviewedAfter(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 3650 days, got -1");
    assertThatThrownBy(() -> new Claiming(10, 1, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Simulator.of(CHANNEL).claims(null)).isInstanceOf(NullPointerException.class);
    assertThat(Claiming.of(10, 1).reviewDays()).isEqualTo(OptionalInt.of(Claiming.DEFAULT_REVIEW_DAYS));
    // with claims, the run's invoice registry is the simulator's
    Simulator simulator = Simulator.of(CHANNEL).claims(CLAIMING).engines(b -> b.invoiceRegistry(
        InvoiceRegistry.inMemory()));
    assertThatThrownBy(() -> simulator.start(PROGRAM, new SampleRules())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was already set");
  }
}
