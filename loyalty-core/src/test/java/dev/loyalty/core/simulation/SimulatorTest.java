package dev.loyalty.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.insights.DateRange;
import dev.loyalty.core.insights.Insights;
import dev.loyalty.core.insights.LeaderboardQuery;
import dev.loyalty.core.insights.ParticipantFilter;
import dev.loyalty.core.insights.ProgramKpis;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rewards.CatalogLoader;
import dev.loyalty.core.simulation.SimulationReport.ParticipantResult;
import dev.loyalty.core.simulation.SimulationReport.RuleTotal;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.HistoryPage;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The simulator on core's plain-Java sample rules over a generated channel: its report against sums
 * over the ledger, determinism, what-if, as-of, refusals and replays.
 */
class SimulatorTest {
  private static final Channel CHANNEL = ChannelGenerator.seeded(11).generate(ChannelShape.ofPartners(80));
  private static final ActivityGenerator YEAR = ActivityGenerator.of(CHANNEL, 11).perPartnerYear(60);
  /** A small budget, so the campaign runs out. */
  private static final Program PROGRAM = ChannelFixture.program(20_000);

  /** Goods that ship, goods collected, a service and a donation, for the members' monthly redemptions. */
  static final String CATALOG = """
      { "version": "sim-1", "defaultLocale": "en-IN", "items": [
        { "id": "WATCH", "kind": "merchandise", "points": 3000, "texts": { "en-IN": { "name": "Watch" } },
          "shipping": true },
        { "id": "TOOLKIT", "kind": "merchandise", "points": 800, "texts": { "en-IN": { "name": "Toolkit" } },
          "shipping": false },
        { "id": "SUPPORT", "kind": "priority-support", "points": 400, "texts": { "en-IN": { "name": "Support" } },
          "duration": "P3M" },
        { "id": "TREES", "kind": "donation", "points": 100, "texts": { "en-IN": { "name": "Trees" } },
          "cause": "Reforestation" } ] }
      """;

  @Test
  void theReportIsWhatTheLedgerSays() {
    Simulation run = Simulator.of(CHANNEL).redemptions(new Redeeming(CatalogLoader.fromJson(CATALOG, PROGRAM), 40, 5))
        .start(PROGRAM, new SampleRules());
    YEAR.forEach(a -> run.record(a));
    SimulationReport report = run.finish();
    LoyaltyEngine engine = run.engine();
    Ledger ledger = engine.ledger();

    long issued = 0;
    long takenFromWallets = 0;
    long expired = 0;
    long redeemed = 0;
    long outstanding = 0;
    for (ParticipantResult p : report.participants()) {
      AccountId wallet = PROGRAM.accounts().wallet(p.participant());
      long[] sums = new long[4];   // issued, reversed, expired, paid for rewards
      if (ledger.account(wallet).isPresent()) {
        for (Transaction tx : history(ledger, wallet)) {
          long amount = tx.amountFor(wallet);
          switch (tx.type()) {
            case TRANSFER -> sums[0] += amount;
            case HOLD_POST -> sums[amount > 0 ? 0 : 3] += Math.abs(amount);   // an approved review, or a redemption
            case REVERSAL -> sums[1] -= amount;
            case EXPIRY -> sums[2] -= amount;
            default -> { }
          }
        }
      }
      assertThat(p.issued()).as("issued to %s", p.participant()).isEqualTo(sums[0]);
      assertThat(p.takenBack() - p.clawedBack()).as("taken from %s's wallet", p.participant()).isEqualTo(sums[1]);
      assertThat(p.expired()).as("expired of %s", p.participant()).isEqualTo(sums[2]);
      assertThat(p.redeemed()).as("redeemed by %s", p.participant()).isEqualTo(sums[3]);
      assertThat(p.balance()).isEqualTo(engine.balance(p.participant()).posted())
          .isEqualTo(p.issued() - (p.takenBack() - p.clawedBack()) - p.expired() - p.redeemed());
      assertThat(p.tier()).as("tier of %s", p.participant())
          .isEqualTo(engine.progress(p.participant()).current().map(t -> t.id()));
      issued += sums[0];
      takenFromWallets += sums[1];
      expired += sums[2];
      redeemed += sums[3];
      outstanding += p.balance();
    }
    SimulationReport.Points points = report.points();
    assertThat(points.issued()).isEqualTo(issued).isPositive();
    assertThat(points.takenBack() - points.clawedBack()).isEqualTo(takenFromWallets).isPositive();
    assertThat(points.expired()).isEqualTo(expired);
    assertThat(points.redeemed()).isEqualTo(redeemed).isEqualTo(report.redemptions().points()).isPositive();
    assertThat(report.redemptions().made()).isPositive();
    assertThat(engine.rewards().redemptionsOf(CHANNEL.members().get(0).id()))
        .allSatisfy(r -> assertThat(r.status().isFinal()).isTrue());
    assertThat(points.outstanding()).isEqualTo(outstanding)
        .isEqualTo(points.issued() - (points.takenBack() - points.clawedBack()) - points.expired() - points.redeemed());
    assertThat(points.clawedBack()).isEqualTo(-ledger.balance(PROGRAM.accounts().clawback()).posted());

    // every point issued is credited to a rule; by campaign, the budget account agrees
    assertThat(report.rules().stream().mapToLong(RuleTotal::issued).sum()).isEqualTo(points.issued());
    assertThat(report.rules().stream().mapToLong(RuleTotal::takenBack).sum()).isEqualTo(points.takenBack());
    Campaign monsoon = PROGRAM.campaigns().get(0);
    SimulationReport.CampaignTotal campaign = report.campaigns().get(0);
    assertThat(campaign.left()).isEqualTo(ledger.balance(PROGRAM.accounts().budget(monsoon.id())).posted())
        .isEqualTo(monsoon.budget() - campaign.issued() + campaign.takenBack());
    assertThat(campaign.cutAwards()).as("the small budget ran out").isPositive();
    assertThat(campaign.exhaustedOn()).isPresent();

    // liability at 0.25 INR a point, exactly
    long owed = outstanding;
    assertThat(report.liability()).singleElement().satisfies(l -> {
      assertThat(l.points()).isEqualTo(owed);
      assertThat(l.value()).contains(Money.of(new BigDecimal("0.25").multiply(BigDecimal.valueOf(owed)),
          ChannelFixture.INR));
    });
    // regions and tiers cover everyone; the activities add up
    assertThat(report.regions().stream().mapToLong(r -> r.partners()).sum()).isEqualTo(CHANNEL.partners().size());
    assertThat(report.regions().stream().mapToLong(r -> r.issued()).sum()).isEqualTo(points.issued());
    assertThat(report.tiers().stream().mapToLong(t -> t.partners() + t.members()).sum())
        .isEqualTo(CHANNEL.partners().size() + CHANNEL.members().size());
    long given = StreamSupport.stream(YEAR.spliterator(), false).count();
    assertThat(report.activities().total()).isEqualTo(given);
    assertThat(report.activities().returned()).isPositive();
    assertThat(report.tierMoves()).isNotEmpty();
    assertThat(report.topPartners()).hasSize(10);
    assertThat(report.topPartners().get(0).issued()).isGreaterThanOrEqualTo(report.topPartners().get(9).issued());
    // a close at the start of every month from February, and the last at the start of January 2027
    assertThat(report.closes()).hasSize(12);
    assertThat(report.asOf()).isEqualTo(Instant.parse("2026-12-31T18:30:00Z"));
  }

  private static List<Transaction> history(Ledger ledger, AccountId account) {
    List<Transaction> all = new ArrayList<>();
    Optional<TransactionId> after = Optional.empty();
    do {
      HistoryPage page = ledger.history(account, after, 1_000);
      all.addAll(page.transactions());
      after = page.next();
    } while (after.isPresent());
    return all;
  }

  @Test
  void theSameStreamGivesAnEqualReport() {
    Simulator simulator = Simulator.of(CHANNEL);
    assertThat(simulator.simulate(PROGRAM, new SampleRules(), YEAR))
        .isEqualTo(simulator.simulate(PROGRAM, new SampleRules(), ActivityGenerator.of(CHANNEL, 11).perPartnerYear(60)));
  }

  @Test
  void aLeanRunGivesTheSameReportAndInsights_itsJournalKeepsNoDecisions() {
    Simulation fullRun = Simulator.of(CHANNEL).start(PROGRAM, new SampleRules());
    YEAR.forEach(a -> fullRun.record(a));
    SimulationReport full = fullRun.finish();
    Simulation lean = Simulator.of(CHANNEL).lean().start(PROGRAM, new SampleRules());
    Activity first = YEAR.iterator().next();
    assertThat(lean.record(first).orElseThrow().decisions()).isNotEmpty();   // the caller gets the whole receipt
    assertThat(lean.engine().receipt(first.id()).orElseThrow().decisions()).isEmpty();
    YEAR.forEach(a -> {
      if (!a.id().equals(first.id())) {
        lean.record(a);
      }
    });
    assertThat(lean.finish()).isEqualTo(full);
    // insights read the journal too: what the lean journal leaves out is none of what they read
    DateRange year = DateRange.of(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 31));
    Insights a = fullRun.engine().insights();
    Insights b = lean.engine().insights();
    ProgramKpis kpis = a.kpis(year, ParticipantFilter.everyone());
    assertThat(b.kpis(year, ParticipantFilter.everyone())).isEqualTo(kpis);
    assertThat(kpis.points().issued()).isEqualTo(full.points().issued()).isPositive();   // the two reports agree
    assertThat(kpis.points().takenBack() + kpis.points().shortfall()).isEqualTo(full.points().takenBack());
    assertThat(kpis.points().expired()).isEqualTo(full.points().expired());
    assertThat(kpis.liability().points()).isEqualTo(full.points().outstanding());
    for (LeaderboardQuery.Kind kind : LeaderboardQuery.Kind.values()) {
      LeaderboardQuery top = LeaderboardQuery.of(kind, LeaderboardQuery.Metric.POINTS, year, 10);
      assertThat(b.leaderboard(top)).isEqualTo(a.leaderboard(top));
    }
  }

  @Test
  void whatIfOfARuleSetAgainstItselfFindsNoDifference() {
    WhatIfReport same = Simulator.of(CHANNEL).whatIf(PROGRAM, new SampleRules(), new SampleRules(), YEAR);
    assertThat(same.hasDifferences()).isFalse();
    assertThat(same.a()).isEqualTo(same.b());
    assertThat(same.partners()).isEmpty();
    assertThat(same.overall()).allSatisfy(d -> assertThat(d.change()).isZero());
  }

  @Test
  void whatIfOfDoubleThePointsShowsWhereTheyGo() {
    Map<String, String> doubled = new HashMap<>(PROGRAM.parameters());
    doubled.put("points-per-100", "2");
    Program richer = ChannelFixture.withBudgetAndParameters(PROGRAM, 20_000, doubled);
    // B is another definition of the program: the catalog's items serve it too
    WhatIfReport change = Simulator.of(CHANNEL).topPartners(5)
        .redemptions(new Redeeming(CatalogLoader.fromJson(CATALOG, PROGRAM), 40, 5))
        .whatIf(PROGRAM, new SampleRules(), richer, new SampleRules(), YEAR);
    assertThat(change.a().redemptions().made()).isPositive();
    assertThat(change.b().redemptions().points()).isGreaterThan(change.a().redemptions().points());

    assertThat(change.hasDifferences()).isTrue();
    WhatIfReport.Difference issued = change.overall().stream().filter(d -> d.measure().equals("points issued"))
        .findFirst().orElseThrow();
    assertThat(issued.a()).isEqualTo(change.a().points().issued());
    assertThat(issued.b()).isEqualTo(change.b().points().issued());
    assertThat(issued.change()).isPositive();
    WhatIfReport.RuleDifference base = change.rules().stream().filter(r -> r.rule().equals("base-points"))
        .findFirst().orElseThrow();
    assertThat(base.issuedB()).isGreaterThan(base.issuedA() * 19 / 10);
    assertThat(change.partners()).hasSize(5);
    assertThat(Math.abs(change.partners().get(0).change())).isGreaterThanOrEqualTo(Math.abs(
        change.partners().get(4).change()));
    assertThat(change.liability()).singleElement().satisfies(m -> assertThat(m.change()).isPositive());
  }

  @Test
  void asOfLeavesOutWhatComesLaterAndClosesThere() {
    Instant asOf = Instant.parse("2026-06-15T00:00:00Z");
    SimulationReport report = Simulator.of(CHANNEL).asOf(asOf).simulate(PROGRAM, new SampleRules(), YEAR);
    assertThat(report.asOf()).isEqualTo(asOf);
    assertThat(report.closes()).endsWith(asOf).hasSize(6);
    long later = StreamSupport.stream(YEAR.spliterator(), false).filter(a -> a.occurredAt().isAfter(asOf)).count();
    assertThat(report.activities().afterAsOf()).isEqualTo(later).isPositive();
    assertThat(report.campaigns().get(0).issued()).as("the monsoon campaign starts in July").isZero();
  }

  @Test
  void refusalsAreCountedAndReplaysChangeNothing() {
    List<Activity> stream = new ArrayList<>();
    YEAR.forEach(stream::add);
    SimulationReport plain = Simulator.of(CHANNEL).simulate(PROGRAM, new SampleRules(), stream);

    List<Activity> noisy = new ArrayList<>(stream);
    Activity ghost = new Sale(ActivityHeader.of("GHOST-1", "nobody", Instant.parse("2026-12-30T10:00:00Z")),
        ChannelFixture.INR, List.of(InvoiceLine.of("X", "wires", 1, "100")));
    noisy.add(ghost);
    noisy.addAll(stream.subList(0, 500));   // replayed
    SimulationReport report = Simulator.of(CHANNEL).simulate(PROGRAM, new SampleRules(), noisy);

    assertThat(report.activities().refused()).isEqualTo(1);
    assertThat(report.activities().refusals()).singleElement().asString().contains("nobody");
    assertThat(report.activities().replayed()).isEqualTo(500);
    assertThat(report.points()).isEqualTo(plain.points());
    assertThat(report.participants()).isEqualTo(plain.participants());
    assertThat(report.rules()).isEqualTo(plain.rules());

    Simulation run = Simulator.of(CHANNEL).start(PROGRAM, new SampleRules());
    assertThatThrownBy(() -> run.record(ghost)).isInstanceOf(UnknownPartnerException.class);
    run.finish();
    assertThatThrownBy(() -> run.record(stream.get(0))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is finished");
  }

  @Test
  void theHostsSettingsReachEveryRunsEngine_onceARun() {
    List<AtomicLong> perRun = new CopyOnWriteArrayList<>();
    Simulator simulator = Simulator.of(CHANNEL).engines(builder -> {
      AtomicLong events = new AtomicLong();   // created in the settings, so each run's own
      perRun.add(events);
      builder.listener("count", e -> events.incrementAndGet());
    }).engines(builder -> builder.expiryNotice(Duration.ofDays(7)));   // settings add up

    SimulationReport alone = simulator.simulate(PROGRAM, new SampleRules(), YEAR);
    assertThat(perRun).hasSize(1);
    assertThat(perRun.get(0).get()).isGreaterThanOrEqualTo(alone.activities().recorded());

    WhatIfReport both = simulator.whatIf(PROGRAM, new SampleRules(), new SampleRules(), YEAR);
    assertThat(perRun).hasSize(3);
    assertThat(perRun.get(1).get()).isEqualTo(perRun.get(2).get()).isEqualTo(perRun.get(0).get());
    assertThat(both.a()).isEqualTo(alone);
  }

  @Test
  void aSettingTheSimulatorOwnsIsRefusedWhenARunStarts() {
    for (Consumer<LoyaltyEngine.Builder> again : List.<Consumer<LoyaltyEngine.Builder>>of(
        b -> b.clock(Clock.systemUTC()), b -> b.ledger(Ledger.inMemory()), b -> b.directory(CHANNEL.directory()))) {
      Simulator simulator = Simulator.of(CHANNEL).engines(again);
      assertThatThrownBy(() -> simulator.start(PROGRAM, new SampleRules())).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("was already set");
    }
    assertThatThrownBy(() -> Simulator.of(CHANNEL).engines(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void capRulesAreCountedByName() {
    assertThat(Simulator.DEFAULT_CAP_RULES.matcher("partner-cap").matches()).isTrue();
    assertThat(Simulator.DEFAULT_CAP_RULES.matcher("cap").matches()).isTrue();
    assertThat(Simulator.DEFAULT_CAP_RULES.matcher("cap-monthly").matches()).isTrue();
    assertThat(Simulator.DEFAULT_CAP_RULES.matcher("capital-bonus").matches()).isFalse();
    SimulationReport report = Simulator.of(CHANNEL).capRules(java.util.Set.of("base-points"))
        .simulate(PROGRAM, new SampleRules(), YEAR);
    assertThat(report.caps()).singleElement().satisfies(c -> {
      assertThat(c.rule()).isEqualTo("base-points");
      assertThat(c.hits()).isEqualTo(report.rules().stream().filter(r -> r.rule().equals("base-points"))
          .findFirst().orElseThrow().fired());
    });
    assertThat(report.campaigns()).extracting(c -> c.campaign()).containsExactly(CampaignId.of("monsoon"));
    assertThat(report.participants()).extracting(ParticipantResult::participant).first()
        .isEqualTo((ParticipantId) CHANNEL.partners().get(0).id());
  }
}
