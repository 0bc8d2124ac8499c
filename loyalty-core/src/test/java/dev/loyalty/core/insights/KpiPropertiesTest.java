package dev.loyalty.core.insights;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.ReviewHold;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.jdbc.JdbcActivityJournal;
import dev.loyalty.core.jdbc.JdbcPerformanceStore;
import dev.loyalty.core.jdbc.PostgresStores;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.ExpiryPolicy;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.BadgeStore;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.spi.TierHistory;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.TestClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The KPIs of random programs (expiry, campaign budget, point value) after random streams (sales,
 * some held for review and approved or rejected, returns, trainings, certifications, redemptions
 * and refunds through the clearing account, period closes), for random periods, against sums
 * computed straight from the ledger's accounts and the journal's receipts: every figure to the point.
 */
// 100 tries: the rarest path checked below (a refund) happens in about one in ten
@PropertyDefaults(tries = 100)
class KpiPropertiesTest {
  private static final Instant START = LocalDateTime.parse("2026-06-20T09:00").atZone(ZONE).toInstant();
  private static final List<String> CATEGORIES = List.of("cables", "switches", "smart-switches", "lighting");

  sealed interface Step {
  }

  record SaleStep(int dealer, int rep, int category, long quantity, int price, int days) implements Step {
  }

  record ReturnStep(int ofSale, int percent, boolean spentFirst) implements Step {
  }

  record LearningStep(int dealer, int rep, boolean certification) implements Step {
  }

  record ReviewStep(int ofHeld, boolean approve) implements Step {
  }

  record RedeemStep(int who, int percent, boolean refund) implements Step {
  }

  record CloseStep(int days) implements Step {
  }

  /** A random program: how long points last, the campaign's budget, what a point is worth. */
  record ProgramShape(int expiryDays, long budget, BigDecimal pointValue) {
  }

  @Provide
  Arbitrary<ProgramShape> programs() {
    return Combinators.combine(Arbitraries.integers().between(1, 20), Arbitraries.longs().between(20, 1_500),
        Arbitraries.of(new BigDecimal("0.25"), new BigDecimal("0.1"), new BigDecimal("1.5"))).as(ProgramShape::new);
  }

  @Provide
  Arbitrary<List<Step>> streams() {
    Arbitrary<Step> sale = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, CATEGORIES.size() - 1),
        Arbitraries.longs().between(1, 400), Arbitraries.integers().between(1, 3000),
        Arbitraries.integers().between(0, 6)).as(SaleStep::new);
    Arbitrary<Step> ret = Combinators.combine(Arbitraries.integers().between(0, 40),
        Arbitraries.integers().between(1, 100), Arbitraries.of(true, false)).as(ReturnStep::new);
    Arbitrary<Step> learning = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 2), Arbitraries.of(true, false)).as(LearningStep::new);
    Arbitrary<Step> review = Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.of(true, false))
        .as(ReviewStep::new);
    Arbitrary<Step> redeem = Combinators.combine(Arbitraries.integers().between(0, 8),
        Arbitraries.integers().between(10, 100), Arbitraries.of(true, false)).as(RedeemStep::new);
    Arbitrary<Step> close = Arbitraries.integers().between(0, 12).map(CloseStep::new);
    return Arbitraries.frequencyOf(Tuple.of(8, sale), Tuple.of(3, ret), Tuple.of(2, learning), Tuple.of(4, review),
        Tuple.of(4, redeem), Tuple.of(3, close)).list().ofMinSize(10).ofMaxSize(40);
  }

  /** The sample rules, with invoices of a quantity divisible by 3 held for review. */
  private static final RuleEngine RULES = SampleRules.reviewing(q -> q % 3 == 0, "round-quantity");

  /** A program's stores, the engine on them, and what the stream did. */
  static final class Harness {
    final TestClock clock = new TestClock(START);
    final Ledger ledger;
    final ActivityJournal journal;
    final PerformanceStore performance;
    final TierHistory tierHistory;
    final BadgeStore badges;
    final ChannelFixture fixture = new ChannelFixture(START);
    final Program program;
    final LoyaltyEngine engine;
    final AccountId clearing;
    final List<Activity> recorded = new ArrayList<>();
    final List<ActivityId> held = new ArrayList<>();
    Instant now = START;

    /** Every store in memory. */
    Harness(ProgramShape shape) {
      this(shape, Optional.empty());
    }

    /**
     * Every store in the (emptied) PostgreSQL database of {@code postgres} when given ({@code
     * postgres(dataSource)}, the fixture's directory in memory), in memory otherwise.
     */
    Harness(ProgramShape shape, Optional<DataSource> postgres) {
      Program base = ChannelFixture.program(shape.budget());
      program = new Program(base.id(), base.name(), base.zone(), Map.of(INR, shape.pointValue()), base.tiers(),
          base.tierPolicy(), base.campaigns(), base.earnSplit(), ExpiryPolicy.AfterDayEarned.days(shape.expiryDays()),
          base.accounts(), base.parameters());
      LoyaltyEngine.Builder builder = LoyaltyEngine.builder(program, RULES).directory(fixture.directory);
      if (postgres.isPresent()) {
        engine = builder.postgres(postgres.get()).clock(clock).build();
        ledger = engine.ledger();
        journal = JdbcActivityJournal.using(postgres.get());
        performance = JdbcPerformanceStore.using(postgres.get());
        tierHistory = PostgresStores.on(postgres.get()).tierHistory();
        badges = PostgresStores.on(postgres.get()).badges();
      } else {
        ledger = Ledger.inMemory(clock);
        journal = ActivityJournal.inMemory();
        performance = PerformanceStore.inMemory();
        tierHistory = TierHistory.inMemory();
        badges = BadgeStore.inMemory();
        engine = builder.ledger(ledger).journal(journal).performance(performance).tierHistory(tierHistory)
            .badges(badges).build();
      }
      clearing = program.accounts().redemptionClearing();
      ledger.openAccount(clearing, AccountType.SYSTEM);
    }
  }

  static void run(Harness h, List<Step> steps) {
    List<Sale> sales = new ArrayList<>();
    Map<ActivityId, Long> returned = new HashMap<>();
    int n = 0;
    for (Step step : steps) {
      n++;
      Activity activity = null;
      if (step instanceof SaleStep s) {
        h.now = h.now.plusSeconds(s.days() * 86_400L + 3_600);
        PartnerId dealer = DEALERS.get(s.dealer());
        Optional<MemberId> rep = s.rep() == 0 ? Optional.empty() : Optional.of(rep(dealer, s.rep()));
        Sale sale = new Sale(new ActivityHeader(ActivityId.of("S-" + n), dealer, rep, h.now), INR,
            List.of(InvoiceLine.of("SKU-" + s.category(), CATEGORIES.get(s.category()), s.quantity(),
                s.price() + ".50")));
        sales.add(sale);
        activity = sale;
      } else if (step instanceof ReturnStep r) {
        List<Sale> returnable = sales.stream().filter(s -> h.engine.receipt(s.id()).orElseThrow().status()
            == Receipt.Status.RECORDED && returned.getOrDefault(s.id(), 0L) < s.lines().get(0).quantity()).toList();
        if (returnable.isEmpty()) {
          continue;
        }
        Sale sale = returnable.get(r.ofSale() % returnable.size());
        long sold = sale.lines().get(0).quantity();
        long quantity = Math.min(sold - returned.getOrDefault(sale.id(), 0L), Math.max(1, sold * r.percent() / 100));
        returned.merge(sale.id(), quantity, Long::sum);
        h.now = h.now.plusSeconds(3_600);
        if (r.spentFirst()) {
          h.clock.set(h.now);
          redeem(h, sale.partner(), 100, "before-" + n);   // so that the return finds the points spent
          h.now = h.now.plusSeconds(60);
        }
        activity = new SaleReturn(new ActivityHeader(ActivityId.of("R-" + n), sale.partner(), Optional.empty(), h.now),
            sale.id(), List.of(new ReturnLine(sale.lines().get(0).sku(), quantity)));
      } else if (step instanceof LearningStep l) {
        h.now = h.now.plusSeconds(3_600);
        PartnerId dealer = DEALERS.get(l.dealer());
        ActivityHeader header = new ActivityHeader(ActivityId.of("L-" + n), dealer,
            l.rep() == 0 ? Optional.empty() : Optional.of(rep(dealer, l.rep())), h.now);
        activity = l.certification() ? new CertificationEarned(header, "installer", Optional.empty())
            : new TrainingCompleted(header, "LED-101");
      } else if (step instanceof ReviewStep r && !h.held.isEmpty()) {
        h.now = h.now.plusSeconds(3_600);
        h.clock.set(h.now);
        ActivityId id = h.held.remove(r.ofHeld() % h.held.size());
        if (r.approve()) {
          h.engine.approve(id, ChannelFixture.reviewer("auditor"), "checked");
        } else {
          h.engine.reject(id, ChannelFixture.reviewer("auditor"), "not supported");
        }
      } else if (step instanceof RedeemStep r) {
        h.now = h.now.plusSeconds(3_600);
        h.clock.set(h.now);
        Optional<Transaction> post = redeem(h, ChannelFixture.dealersAndReps().get(r.who()), r.percent(), "redeem-" + n);
        if (post.isPresent() && r.refund()) {
          h.ledger.reverse(ReversalRequest.of(IdempotencyKey.of("refund:" + n), post.get().id(), "returned"));
        }
      } else if (step instanceof CloseStep c) {
        h.now = h.now.plusSeconds(c.days() * 86_400L + 3_600);
        h.clock.set(h.now);
        h.engine.closePeriod(h.now);
      }
      if (activity != null) {
        h.clock.set(h.now);
        Receipt receipt = h.engine.record(activity);
        h.recorded.add(activity);
        if (receipt.status() == Receipt.Status.IN_REVIEW) {
          h.held.add(activity.id());
        }
      }
    }
  }

  /** Redeems {@code percent} of what {@code who} can spend, as the rewards capability books it; the post, if any. */
  private static Optional<Transaction> redeem(Harness h, ParticipantId who, int percent, String key) {
    long points = h.engine.balance(who).available() * percent / 100;
    if (points <= 0) {
      return Optional.empty();
    }
    HoldId hold = h.ledger.hold(HoldRequest.of(IdempotencyKey.of(key), h.program.accounts().wallet(who), h.clearing,
        points, "redemption"));
    return Optional.of(h.ledger.postHold(PostHoldRequest.full(IdempotencyKey.of(key + ":post"), hold, "shipped")));
  }

  private static long postedAsOf(Ledger ledger, AccountId account, Instant before) {
    return ledger.account(account).isEmpty() ? 0 : ledger.balanceAsOf(account, before.minusNanos(1)).posted();
  }

  /** The change of the account's posted balance over {@code [start, end)}. */
  private static long change(Ledger ledger, AccountId account, Instant start, Instant end) {
    return postedAsOf(ledger, account, end) - postedAsOf(ledger, account, start);
  }

  private static List<AccountId> wallets(Harness h) {
    return h.ledger.accounts().stream().map(Account::id).filter(a -> h.program.accounts().isWallet(a)).toList();
  }

  @Property
  void everyFigureAgreesWithTheLedgerAndTheJournal(@ForAll("programs") ProgramShape shape,
      @ForAll("streams") List<Step> steps, @ForAll @IntRange(min = 0, max = 20) int fromDay,
      @ForAll @IntRange(min = 10, max = 90) int days) {
    Harness h = new Harness(shape);
    run(h, steps);
    LocalDate first = START.atZone(ZONE).toLocalDate().plusDays(fromDay);
    DateRange period = DateRange.of(first, first.plusDays(days));
    Instant start = period.start(ZONE);
    Instant end = period.end(ZONE);
    ProgramKpis kpis = h.engine.insights().kpis(period, ParticipantFilter.everyone());
    ProgramKpis.PointsFlow p = kpis.points();

    // the wallets' balances, as the ledger computes them
    long opening = 0;
    long closing = 0;
    for (AccountId wallet : wallets(h)) {
      opening += postedAsOf(h.ledger, wallet, start);
      closing += postedAsOf(h.ledger, wallet, end);
    }
    assertThat(p.outstandingAtStart()).isEqualTo(opening);
    assertThat(p.outstandingAtEnd()).isEqualTo(closing);
    assertThat(closing - opening).isEqualTo(p.issued() - p.takenBack() - p.redeemed() - p.expired() + p.other());
    assertThat(p.other()).isZero();
    // the system accounts' side of the same movements
    assertThat(p.expired()).isEqualTo(change(h.ledger, h.program.accounts().breakage(), start, end));
    assertThat(p.redeemed()).isEqualTo(change(h.ledger, h.clearing, start, end));
    assertThat(p.shortfall()).isEqualTo(-change(h.ledger, h.program.accounts().clawback(), start, end));
    CampaignId monsoon = CampaignId.of("monsoon");
    long paid = -change(h.ledger, h.program.accounts().issuance(), start, end)
        - change(h.ledger, h.program.accounts().budget(monsoon), start, end)
        - change(h.ledger, h.program.accounts().funding(monsoon), start, end);
    assertThat(p.netIssued()).isEqualTo(paid);
    assertThat(kpis.liability().points()).isEqualTo(closing);
    BigDecimal gross = shape.pointValue().multiply(BigDecimal.valueOf(closing));
    assertThat(kpis.liability().byCurrency()).singleElement().satisfies(l -> {
      assertThat(l.gross()).isEqualByComparingTo(gross);
      assertThat(l.netOfBreakage().abs()).isLessThanOrEqualTo(l.gross().abs().add(new BigDecimal("0.01")));
    });

    // the journal's receipts, each award dated by the ledger transaction that posted it
    Map<RuleRef, long[]> byRule = new HashMap<>();
    Set<ParticipantId> active = new HashSet<>();
    long trainings = 0;
    for (Activity a : h.recorded) {
      JournalEntry e = h.journal.find(a.id()).orElseThrow();
      Receipt r = e.receipt();
      if (r.status() == Receipt.Status.RECORDED) {
        if (!a.occurredAt().isBefore(start) && a.occurredAt().isBefore(end)) {
          active.add(a.partner());
          a.member().ifPresent(active::add);
          trainings += a instanceof TrainingCompleted ? 1 : 0;
        }
        for (PostedAward award : r.awards()) {
          if (award.points() > 0 && within(postedBy(h, r, award), start, end)) {
            byRule.computeIfAbsent(award.rule(), k -> new long[2])[0] += award.points();
          }
        }
      } else if (r.status() == Receipt.Status.RETURNED && r.transaction().isPresent()) {
        Instant at = h.ledger.findTransaction(r.transaction().get()).orElseThrow().effectiveAt();
        Receipt invoice = h.journal.find(((SaleReturn) a).invoice()).orElseThrow().receipt();
        for (var t : r.returns()) {
          if (within(at, start, end)) {
            byRule.computeIfAbsent(invoice.awards().get(t.award()).rule(), k -> new long[2])[1] += t.points();
          }
        }
      }
    }
    Map<RuleRef, long[]> reported = new HashMap<>();
    kpis.costByRule().forEach(c -> {
      assertThat(c.net()).isEqualTo(c.awarded() - c.takenBack());
      reported.put(c.rule(), new long[] {c.awarded(), c.takenBack()});
    });
    byRule.values().removeIf(v -> v[0] == 0 && v[1] == 0);
    assertThat(reported.keySet()).isEqualTo(byRule.keySet());
    byRule.forEach((rule, v) -> assertThat(reported.get(rule)).as("cost of %s", rule).containsExactly(v));
    assertThat(kpis.costByRule().stream().mapToLong(ProgramKpis.RuleCost::awarded).sum()).isEqualTo(p.issued());
    assertThat(kpis.costByRule().stream().mapToLong(ProgramKpis.RuleCost::takenBack).sum())
        .isEqualTo(p.takenBack() + p.shortfall());
    assertThat(kpis.costByCampaign()).singleElement().satisfies(c -> assertThat(c.net())
        .isEqualTo(-change(h.ledger, h.program.accounts().budget(monsoon), start, end)
            - change(h.ledger, h.program.accounts().funding(monsoon), start, end)));
    assertThat(kpis.learning().trainings()).isEqualTo(trainings);

    // participation: everyone of the fixture is enrolled; active by the journal or a redemption
    for (AccountId wallet : wallets(h)) {
      boolean redeemed = h.ledger.history(wallet, Optional.empty(), 10_000).transactions().stream()
          .anyMatch(tx -> tx.touches(h.clearing) && tx.amountFor(wallet) < 0 && within(tx.effectiveAt(), start, end));
      if (redeemed) {
        active.add(h.program.accounts().walletOwner(wallet).orElseThrow());
      }
    }
    assertThat(kpis.partners().enrolled() + kpis.members().enrolled()).isEqualTo(11);
    assertThat(kpis.partners().active() + kpis.members().active()).isEqualTo(active.size());

    // tiers: every enrolled participant once, and today's tier is the standing the engine keeps
    assertThat(kpis.tiers().partners().stream().mapToLong(TierDistribution.TierCount::participants).sum())
        .isEqualTo(5);
    assertThat(kpis.movement().members().stream().mapToLong(TierMovement.Cell::participants).sum()).isEqualTo(6);
    LocalDate today = h.now.atZone(ZONE).toLocalDate();
    for (ParticipantId who : ChannelFixture.dealersAndReps()) {
      assertThat(h.engine.insights().tierAt(who, today)).as("tier of %s", who)
          .isEqualTo(h.performance.standing(who).tier());
    }

    // none of these may be missing from a whole run, or the property would check less than it says
    Map<String, Boolean> seen = Map.of("points expired in the period", p.expired() > 0,
        "points redeemed in the period", p.redeemed() > 0,
        "a refund", h.ledger.balance(h.clearing).posted() < h.ledger.history(h.clearing, Optional.empty(), 10_000)
            .transactions().stream().mapToLong(tx -> Math.max(0, tx.amountFor(h.clearing))).sum(),
        "points taken back in the period", p.takenBack() > 0,
        "a shortfall booked to clawback", h.ledger.balance(h.program.accounts().clawback()).posted() < 0,
        "an approved review", h.recorded.stream().anyMatch(a -> !h.journal.find(a.id()).orElseThrow().receipt().holds()
            .isEmpty() && h.journal.find(a.id()).orElseThrow().receipt().status() == Receipt.Status.RECORDED),
        "a campaign award", kpis.costByCampaign().get(0).awarded() > 0);
    seen.forEach((what, happened) -> {
      Statistics.label(what).collect(happened);
      Statistics.label(what).coverage(c -> c.check(true).count(count -> count > 0));
    });
  }

  private static boolean within(Instant t, Instant start, Instant end) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  /** The effective time of the ledger transaction that posted {@code award}. */
  private static Instant postedBy(Harness h, Receipt r, PostedAward award) {
    Optional<TransactionId> tx = r.transaction();
    if (r.holds().isEmpty()) {
      return h.ledger.findTransaction(tx.orElseThrow()).orElseThrow().effectiveAt();
    }
    AccountId wallet = h.program.accounts().wallet(award.beneficiary());
    AccountId source = award.campaign().map(h.program.accounts()::budget).orElse(h.program.accounts().issuance());
    ReviewHold hold = r.holds().stream().filter(x -> x.from().equals(source) && x.to().equals(wallet)).findFirst()
        .orElseThrow();
    return h.ledger.findTransaction(hold.resolvedBy().orElseThrow()).orElseThrow().effectiveAt();
  }
}
