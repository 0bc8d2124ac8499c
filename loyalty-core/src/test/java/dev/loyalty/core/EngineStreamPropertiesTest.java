package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.reviewer;
import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.jdbc.JdbcActivityJournal;
import dev.loyalty.core.jdbc.JdbcEventOutbox;
import dev.loyalty.core.jdbc.JdbcPartnerDirectory;
import dev.loyalty.core.jdbc.JdbcPerformanceStore;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.ExpiryPolicy;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.BadgeStore;
import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.spi.StoredEvent;
import dev.loyalty.core.spi.TierHistory;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionType;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.TrialBalance;
import dev.loyalty.ledger.spi.TestClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Random streams of everything a program lives through, against a simple model: sales (some held
 * for review), returns (after part of the points was spent), trainings and certifications, reviews
 * approved and rejected, redemptions, campaign budgets raised and lowered at restarts on the same
 * stores, and period closes, some repeated. The ledger keeps its invariants, every wallet equals
 * what its receipts say, held points are pending, budgets are never overpaid, repeated closes
 * report nothing twice, and replaying the stream changes nothing.
 */
@PropertyDefaults(tries = 60)
class EngineStreamPropertiesTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final long BUDGET = 700;
  private static final List<String> CATEGORIES = List.of("cables", "switches", "smart-switches", "lighting");
  private static final AccountId SHOP = AccountId.of("acme:system:redemptions");

  /** One step of a stream; the ids of earlier steps resolve when the stream runs. */
  sealed interface Step {
  }

  record SaleStep(int dealer, int rep, int category, long quantity, int price, int days) implements Step {
  }

  record ReturnStep(int ofSale, int percent, boolean spentFirst) implements Step {
  }

  record TrainingStep(int dealer, int rep) implements Step {
  }

  record CertificationStep(int dealer) implements Step {
  }

  record ReviewStep(int ofHeld, boolean approve) implements Step {
  }

  record SpendStep(int dealer, int percent) implements Step {
  }

  record BudgetStep(long budget) implements Step {
  }

  record CloseStep(int days, boolean repeat) implements Step {
  }

  @Provide
  Arbitrary<List<Step>> streams() {
    Arbitrary<Step> sale = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, CATEGORIES.size() - 1), Arbitraries.longs().between(1, 600),
        Arbitraries.integers().between(1, 3000), Arbitraries.integers().between(0, 3)).as(SaleStep::new);
    Arbitrary<Step> ret = Combinators.combine(Arbitraries.integers().between(0, 40),
        Arbitraries.integers().between(1, 100), Arbitraries.of(true, false)).as(ReturnStep::new);
    Arbitrary<Step> training = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(1, 2)).as(TrainingStep::new);
    Arbitrary<Step> cert = Arbitraries.integers().between(0, 2).map(CertificationStep::new);
    Arbitrary<Step> review = Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.of(true, false))
        .as(ReviewStep::new);
    Arbitrary<Step> spend = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(90, 100)).as(SpendStep::new);
    Arbitrary<Step> budget = Arbitraries.longs().between(1, 1_500).map(BudgetStep::new);
    Arbitrary<Step> close = Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.of(true, false))
        .as(CloseStep::new);
    return Arbitraries.frequencyOf(Tuple.of(8, sale), Tuple.of(4, ret), Tuple.of(1, training), Tuple.of(1, cert),
        Tuple.of(3, review), Tuple.of(3, spend), Tuple.of(1, budget), Tuple.of(2, close)).list().ofMinSize(10)
        .ofMaxSize(45);
  }

  /** The sample rules, with a third of the invoices (a quantity divisible by 3) held for review. */
  private static final RuleEngine RULES = facts -> {
    RuleOutcome outcome = new SampleRules().evaluate(facts);
    boolean suspicious = facts.activity() instanceof Sale s && s.lines().get(0).quantity() % 3 == 0;
    List<RiskFlag> flags = suspicious ? List.of(new RiskFlag(RiskFlag.Severity.REVIEW, "round-quantity",
        RuleRef.of("round-quantity", "1"), "A quantity divisible by 3.")) : List.of();
    return new RuleOutcome(outcome.awards(), outcome.qualifications(), outcome.badges(), flags, outcome.decisions());
  };

  /**
   * One program's durable stores and the engine on them; a budget change starts a new engine on the
   * same stores. In memory, or with every store in PostgreSQL (each activity one transaction).
   */
  static final class Harness {
    final TestClock clock = new TestClock(START);
    final Optional<DataSource> postgres;
    Ledger ledger;
    final ActivityJournal journal;
    final PerformanceStore performance;
    final EventOutbox outbox;
    final PartnerDirectory directory;
    /** In memory, shared by the engines of one harness (in PostgreSQL the engine's own). */
    final TierHistory tierHistory = TierHistory.inMemory();
    final BadgeStore badges = BadgeStore.inMemory();
    final List<LoyaltyEvent> events = new ArrayList<>();
    Program program;
    LoyaltyEngine engine;

    private Harness(Optional<DataSource> postgres) {
      this.postgres = postgres;
      if (postgres.isPresent()) {
        DataSource ds = postgres.get();
        journal = JdbcActivityJournal.using(ds);
        performance = JdbcPerformanceStore.using(ds);
        outbox = JdbcEventOutbox.using(ds);
        directory = ChannelFixture.enrol(JdbcPartnerDirectory.using(ds));
      } else {
        ledger = Ledger.inMemory(clock);
        journal = ActivityJournal.inMemory();
        performance = PerformanceStore.inMemory();
        outbox = EventOutbox.inMemory();
        directory = ChannelFixture.enrol(PartnerDirectory.inMemory());
      }
      start(BUDGET);
      ledger.openAccount(SHOP, AccountType.SYSTEM);
    }

    /** Every store in memory. */
    static Harness inMemory() {
      return new Harness(Optional.empty());
    }

    /** Every store in the (emptied) PostgreSQL database of {@code dataSource}. */
    static Harness onPostgres(DataSource dataSource) {
      return new Harness(Optional.of(dataSource));
    }

    void start(long budget) {
      Program base = ChannelFixture.program(budget);
      // lots expire 5 days after the day earned, so that closes within a stream expire some
      program = new Program(base.id(), base.name(), base.zone(), base.pointValue(), base.tiers(), base.tierPolicy(),
          base.campaigns(), base.earnSplit(), ExpiryPolicy.AfterDayEarned.days(5), base.accounts(), base.parameters());
      // the listener's position lives in the outbox, so a new engine goes on where the last one stopped
      LoyaltyEngine.Builder builder = LoyaltyEngine.builder(program, RULES).directory(directory)
          .listener("test", events::add);
      if (postgres.isPresent()) {
        engine = builder.postgres(postgres.get()).clock(clock).build();
        ledger = engine.ledger();
      } else {
        engine = builder.ledger(ledger).journal(journal).performance(performance).outbox(outbox)
            .tierHistory(tierHistory).badges(badges).build();
      }
    }

    AccountId budgetAccount() {
      return program.accounts().budget(CampaignId.of("monsoon"));
    }
  }

  /**
   * Whether a run must see every kind of step happen: with the tries of a run in memory, each does
   * (in well over a tenth of the streams); a run with fewer tries cannot promise it.
   */
  boolean checksCoverage() {
    return true;
  }

  /** The harness each property runs on: in memory here, in PostgreSQL in {@link EngineStreamsOnPostgresTest}. */
  Harness newHarness() {
    return Harness.inMemory();
  }

  /** What a stream did, for the model. */
  static final class Run {
    final List<String> happened = new ArrayList<>();
    final List<Activity> recorded = new ArrayList<>();
    final List<ActivityId> held = new ArrayList<>();
    final Map<ParticipantId, Long> spent = new HashMap<>();
    final List<PeriodCloseReport> closes = new ArrayList<>();
    final List<BudgetChange> budgetChanges = new ArrayList<>();
  }

  /** Runs a stream and returns what it did. */
  static Run run(Harness h, List<Step> steps) {
    Run run = new Run();
    List<Sale> sales = new ArrayList<>();
    Map<ActivityId, Long> returned = new HashMap<>();
    Instant now = START;
    int n = 0;
    for (Step step : steps) {
      n++;
      Activity activity = null;
      if (step instanceof SaleStep s) {
        now = now.plusSeconds(s.days() * 86_400L + 60);
        PartnerId dealer = DEALERS.get(s.dealer());
        Optional<MemberId> rep = s.rep() == 0 ? Optional.empty() : Optional.of(rep(dealer, s.rep()));
        Sale sale = new Sale(new ActivityHeader(ActivityId.of("S-" + n), dealer, rep, now), INR,
            List.of(InvoiceLine.of("SKU-" + s.category(), CATEGORIES.get(s.category()), s.quantity(),
                s.price() + ".50")));
        sales.add(sale);
        activity = sale;
      } else if (step instanceof ReturnStep r) {
        List<Sale> returnable = sales.stream().filter(s -> h.engine.receipt(s.id()).orElseThrow().status()
            == Receipt.Status.RECORDED).toList();
        if (returnable.isEmpty()) {
          continue;
        }
        Sale sale = returnable.get(r.ofSale() % returnable.size());
        long sold = sale.lines().get(0).quantity();
        long left = sold - returned.getOrDefault(sale.id(), 0L);
        long quantity = Math.min(left, Math.max(1, sold * r.percent() / 100));
        if (quantity == 0) {
          continue;
        }
        returned.merge(sale.id(), quantity, Long::sum);
        if (r.spentFirst()) {
          spendAll(h, run, sale.partner(), "before-" + n);
        }
        now = now.plusSeconds(60);
        activity = new SaleReturn(new ActivityHeader(ActivityId.of("R-" + n), sale.partner(), Optional.empty(), now),
            sale.id(), List.of(new ReturnLine(sale.lines().get(0).sku(), quantity)));
      } else if (step instanceof TrainingStep t) {
        now = now.plusSeconds(60);
        PartnerId dealer = DEALERS.get(t.dealer());
        activity = new TrainingCompleted(new ActivityHeader(ActivityId.of("T-" + n), dealer,
            Optional.of(rep(dealer, t.rep())), now), "LED-101");
      } else if (step instanceof CertificationStep c) {
        now = now.plusSeconds(60);
        activity = new CertificationEarned(new ActivityHeader(ActivityId.of("C-" + n), DEALERS.get(c.dealer()),
            Optional.empty(), now), "installer-basic", Optional.empty());
      } else if (step instanceof ReviewStep r) {
        if (!run.held.isEmpty()) {
          ActivityId id = run.held.remove(r.ofHeld() % run.held.size());
          Receipt decided = r.approve() ? h.engine.approve(id, reviewer("auditor"), "checked")
              : h.engine.reject(id, reviewer("auditor"), "checked");
          run.happened.add(r.approve() ? "approval" : "rejection");
          assertThat(decided.holds()).allSatisfy(hold -> assertThat(hold.state()).isEqualTo(r.approve()
              ? ReviewHold.State.POSTED : ReviewHold.State.RELEASED));
        }
      } else if (step instanceof SpendStep s) {
        spend(h, run, DEALERS.get(s.dealer()), s.percent(), "redeem-" + n);
      } else if (step instanceof BudgetStep b) {
        long before = -h.ledger.balance(h.program.accounts().funding(CampaignId.of("monsoon"))).posted();
        long free = h.ledger.balance(h.budgetAccount()).available();
        // a clean stop: the flush writes the listener's position, so the next engine repeats nothing
        // (dropped without it, it may hand the last page again: DispatcherRestartPropertiesTest)
        h.engine.deliverEvents();
        h.start(b.budget());
        long expected = b.budget() >= before ? b.budget() : before - Math.min(before - b.budget(), free);
        assertThat(-h.ledger.balance(h.program.accounts().funding(CampaignId.of("monsoon"))).posted())
            .as("funded after asking %d (was %d, %d free)", b.budget(), before, free).isEqualTo(expected);
        run.budgetChanges.addAll(h.engine.budgetChanges());
        run.happened.add(expected > b.budget() ? "budget lowered to what was used" : "budget changed");
      } else if (step instanceof CloseStep c) {
        now = now.plusSeconds(c.days() * 86_400L + 60);
        h.clock.set(now);
        PeriodCloseReport first = h.engine.closePeriod(now);
        assertThat(first.replay()).isFalse();
        run.closes.add(first);
        if (c.repeat()) {
          PeriodCloseReport again = h.engine.closePeriod(now);
          assertThat(again.replay()).isTrue();
          assertThat(again.expiredPoints()).isZero();
          assertThat(again.expiringSoon()).isEmpty();
          assertThat(again.tierChanges()).isEmpty();
          run.closes.add(again);
          run.happened.add("repeated close");
        }
        if (first.expiredPoints() > 0) {
          run.happened.add("points expired");
        }
      }
      if (activity != null) {
        h.clock.set(now);
        Receipt receipt = h.engine.record(activity);
        run.recorded.add(activity);
        if (receipt.status() == Receipt.Status.IN_REVIEW) {
          run.held.add(activity.id());
        }
        if (!receipt.shortfalls().isEmpty()) {
          run.happened.add("return after a spend");
        }
      }
    }
    return run;
  }

  /** A redemption of {@code percent} of what {@code who} can spend. */
  private static void spend(Harness h, Run run, ParticipantId who, int percent, String key) {
    long points = h.engine.balance(who).available() * percent / 100;
    if (points > 0) {
      h.ledger.transfer(TransferRequest.of(IdempotencyKey.of(key), "redemption",
          Entry.debit(h.program.accounts().wallet(who), points), Entry.credit(SHOP, points)));
      run.spent.merge(who, points, Long::sum);
    }
  }

  private static void spendAll(Harness h, Run run, ParticipantId who, String key) {
    spend(h, run, who, 100, key);
  }

  /** Points the expiry runs took from {@code wallet}. */
  private static long expired(Harness h, AccountId wallet) {
    if (h.ledger.account(wallet).isEmpty()) {
      return 0;
    }
    return -h.ledger.history(wallet, Optional.empty(), 10_000).transactions().stream()
        .filter(t -> t.type() == TransactionType.EXPIRY).mapToLong(t -> t.amountFor(wallet)).sum();
  }

  @Property
  @StatisticsReport(onFailureOnly = false)
  void walletsAndBudgetsEqualWhatTheReceiptsSay(@ForAll("streams") List<Step> steps) {
    Harness h = newHarness();
    Run run = run(h, steps);

    Map<ParticipantId, Long> fromReceipts = new HashMap<>();
    Map<ParticipantId, Long> pending = new HashMap<>();
    long campaignPaid = 0;
    long campaignHeld = 0;
    for (Activity a : run.recorded) {
      Receipt r = h.engine.receipt(a.id()).orElseThrow();
      r.pointsByParticipant().forEach((p, points) -> fromReceipts.merge(p, points, Long::sum));
      r.shortfalls().forEach((p, points) -> fromReceipts.merge(p, points, Long::sum));
      for (PostedAward award : r.awards()) {
        assertThat(award.points()).isBetween(0L, award.requested());
        if (award.campaign().isPresent() && r.status() == Receipt.Status.RECORDED) {
          campaignPaid += award.points();
        }
        if (r.status() == Receipt.Status.IN_REVIEW) {
          pending.merge(award.beneficiary(), award.points(), Long::sum);
          campaignHeld += award.campaign().isPresent() ? award.points() : 0;
        }
      }
      if (a instanceof SaleReturn ret) {
        // a return gives the budget back what it takes of the invoice's campaign awards
        List<PostedAward> invoiceAwards = h.engine.receipt(ret.invoice()).orElseThrow().awards();
        for (AwardReturn t : r.returns()) {
          assertThat(t.points()).isLessThanOrEqualTo(invoiceAwards.get(t.award()).points());
          if (invoiceAwards.get(t.award()).campaign().isPresent()) {
            campaignPaid -= t.points();
          }
        }
      }
    }
    for (ParticipantId p : ChannelFixture.dealersAndReps()) {
      AccountId wallet = h.program.accounts().wallet(p);
      var balance = h.engine.balance(p);
      long expected = fromReceipts.getOrDefault(p, 0L) - run.spent.getOrDefault(p, 0L) - expired(h, wallet);
      assertThat(balance.posted()).as("wallet of %s", p).isEqualTo(expected);
      assertThat(balance.posted()).isNotNegative();
      assertThat(balance.pendingCredits()).as("held for %s", p).isEqualTo(pending.getOrDefault(p, 0L));
    }
    long funded = -h.ledger.balance(h.program.accounts().funding(CampaignId.of("monsoon"))).posted();
    var budget = h.ledger.balance(h.budgetAccount());
    assertThat(budget.available()).isNotNegative();
    assertThat(budget.posted()).isEqualTo(funded - campaignPaid);
    assertThat(budget.pendingDebits()).isEqualTo(campaignHeld);
    long breakage = h.ledger.balance(h.program.accounts().breakage()).posted();
    assertThat(run.closes.stream().mapToLong(PeriodCloseReport::expiredPoints).sum()).isEqualTo(breakage);
    TrialBalance trial = h.ledger.trialBalance();
    assertThat(trial.isBalanced()).isTrue();
    assertThat(h.ledger.verify().intact()).isTrue();
    for (String what : List.of("approval", "rejection", "return after a spend", "repeated close", "points expired",
        "budget changed", "budget lowered to what was used")) {
      Statistics.label(what).collect(run.happened.contains(what));
      // each happens in well over a tenth of the streams: none may be missing from a whole run
      if (checksCoverage()) {
        Statistics.label(what).coverage(c -> c.check(true).count(count -> count > 0));
      }
    }
    // every event reached the listener once, across engine restarts (each flushed before it stopped)
    List<String> ids = h.outbox.after(0, 100_000).stream().map(StoredEvent::event).map(LoyaltyEvent::id).toList();
    assertThat(h.events.stream().map(LoyaltyEvent::id).toList()).isEqualTo(ids);
  }

  @Property
  void aReplayedStreamChangesNothing(@ForAll("streams") List<Step> steps) {
    Harness h = newHarness();
    Run run = run(h, steps);
    TrialBalance trial = h.ledger.trialBalance();
    Map<ActivityId, Receipt> receipts = new HashMap<>();
    run.recorded.forEach(a -> receipts.put(a.id(), h.engine.receipt(a.id()).orElseThrow()));
    Map<ParticipantId, Object> figures = new HashMap<>();
    ChannelFixture.dealersAndReps().forEach(p -> figures.put(p, h.engine.figures(p)));
    int events = h.events.size();

    for (Activity a : run.recorded) {
      assertThat(h.engine.record(a)).isEqualTo(receipts.get(a.id()));
    }

    assertThat(h.ledger.trialBalance()).isEqualTo(trial);
    ChannelFixture.dealersAndReps().forEach(p -> assertThat(h.engine.figures(p)).isEqualTo(figures.get(p)));
    assertThat(h.events).hasSize(events);

    // A repeated close moves no points again; what it does add (a notice of points earned after its
    // instant, a tier review of figures that changed since) is in its own report, nowhere else.
    for (PeriodCloseReport close : run.closes) {
      int before = h.events.size();
      PeriodCloseReport again = h.engine.closePeriod(close.at());
      assertThat(again.replay()).isTrue();
      assertThat(again.expiredPoints()).isZero();
      assertThat(h.events.size() - before).isEqualTo(again.expiringSoon().size() + again.tierChanges().size());
    }
    assertThat(h.ledger.trialBalance()).isEqualTo(trial);
  }

  @Property
  void netSalesInTheFiguresEqualSalesLessReturns(@ForAll("streams") List<Step> steps) {
    Harness h = newHarness();
    Run run = run(h, steps);
    Map<ActivityId, Sale> sales = new HashMap<>();
    Map<PartnerId, BigDecimal> net = new HashMap<>();
    for (Activity a : run.recorded) {
      if (a instanceof Sale s && h.engine.receipt(s.id()).orElseThrow().status() == Receipt.Status.RECORDED) {
        sales.put(s.id(), s);
        net.merge(s.partner(), s.total().amount(), BigDecimal::add);
      } else if (a instanceof SaleReturn r) {
        InvoiceLine line = sales.get(r.invoice()).lines().get(0);
        BigDecimal share = line.amount().multiply(BigDecimal.valueOf(r.lines().get(0).quantity()))
            .divide(BigDecimal.valueOf(line.quantity()), 10, RoundingMode.HALF_EVEN);
        net.merge(r.partner(), share.negate(), BigDecimal::add);
      }
    }
    for (PartnerId dealer : DEALERS) {
      // every month the dealer has figures for, whatever the window
      BigDecimal all = h.performance.history(dealer, INR).months().values().stream()
          .map(m -> m.sales().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
      // each invoice's returns are rounded to the paisa once, cumulatively
      BigDecimal tolerance = new BigDecimal("0.005").multiply(BigDecimal.valueOf(sales.size()));
      assertThat(all.subtract(net.getOrDefault(dealer, BigDecimal.ZERO)).abs()).isLessThanOrEqualTo(tolerance);
    }
  }

  @Property(tries = 20)
  void everyBudgetChangeIsOneTransactionBetweenFundingAndBudget(@ForAll("streams") List<Step> steps) {
    Harness h = newHarness();
    Run run = run(h, steps);
    for (BudgetChange c : run.budgetChanges) {
      if (c.transaction().isEmpty()) {
        assertThat(c.after()).isEqualTo(c.before());
        continue;
      }
      Transaction tx = h.ledger.findTransaction(c.transaction().get()).orElseThrow();
      assertThat(tx.postings()).hasSize(2);
      assertThat(tx.amountFor(h.budgetAccount())).isEqualTo(c.after() - c.before());
      assertThat(tx.metadata()).containsEntry("from", Long.toString(c.before()))
          .containsEntry("to", Long.toString(c.after()));
    }
  }
}
