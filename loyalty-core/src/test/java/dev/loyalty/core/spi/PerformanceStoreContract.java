package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.ParticipantHistory;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.performance.PointTotals;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.performance.TierStanding;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PerformanceStore} must do. A host that keeps figures in its own database
 * extends this class with {@link #createStore()} returning its store over an empty database (the
 * in-memory and the PostgreSQL stores do): histories read back as {@link ParticipantHistory#plus}
 * adds them up (checked on long random histories), each activity counts once per participant
 * whoever applies it how often, concurrent contributions are all counted, standings read back
 * equal.
 */
public abstract class PerformanceStoreContract {
  private static final Currency INR = Currency.getInstance("INR");
  private static final PartnerId DEALER = PartnerId.of("dealer-a");
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");

  /** A new, empty store. */
  protected abstract PerformanceStore createStore();

  private static Contribution sale(String id, String amount) {
    return new Contribution(ActivityId.of(id), T, YearMonth.of(2026, 7), Money.of(amount, "INR"),
        Map.of("cables", Money.of(amount, "INR")), 1, Optional.empty());
  }

  @Test
  void anUnknownParticipantHasAnEmptyHistoryAndNoTier() {
    PerformanceStore store = createStore();
    assertThat(store.history(DEALER, INR).months()).isEmpty();
    assertThat(store.standing(DEALER)).isEqualTo(TierStanding.none());
    assertThat(store.participants()).isEmpty();
  }

  @Test
  void contributionsAddUpPerMonthAndCategory() {
    PerformanceStore store = createStore();
    assertThat(store.apply(DEALER, INR, sale("INV-1", "1000.50"))).isTrue();
    assertThat(store.apply(DEALER, INR, sale("INV-2", "99.50"))).isTrue();

    var month = store.history(DEALER, INR).months().get(YearMonth.of(2026, 7));
    assertThat(month.sales()).isEqualTo(Money.of("1100", "INR"));
    assertThat(month.byCategory()).containsEntry("cables", Money.of("1100", "INR"));
    assertThat(month.orders()).isEqualTo(2);
    assertThat(store.history(DEALER, INR).lastActivity()).contains(T);
    assertThat(store.participants()).containsExactly(DEALER);
  }

  @Test
  void anActivityIsAppliedToAParticipantAtMostOnce() {
    PerformanceStore store = createStore();
    store.apply(DEALER, INR, sale("INV-1", "1000"));
    assertThat(store.apply(DEALER, INR, sale("INV-1", "1000"))).isFalse();
    assertThat(store.history(DEALER, INR).months().get(YearMonth.of(2026, 7)).orders()).isEqualTo(1);
    // the same activity still counts for another participant (the rep on the invoice)
    assertThat(store.apply(MemberId.of("rep-1"), INR, sale("INV-1", "1000"))).isTrue();
  }

  @Test
  void aContributionInAnotherCurrencyIsRefusedAndChangesNothing() {
    PerformanceStore store = createStore();
    store.apply(DEALER, INR, sale("INV-1", "1000"));
    Contribution usd = new Contribution(ActivityId.of("INV-2"), T, YearMonth.of(2026, 7), Money.of("5", "USD"),
        Map.of(), 1, Optional.empty());
    assertThatThrownBy(() -> store.apply(DEALER, INR, usd)).hasMessageContaining("Currency mismatch");
    assertThat(store.history(DEALER, INR).months().get(YearMonth.of(2026, 7)).orders()).isEqualTo(1);
    // and the refused one can be applied later, once fixed
    assertThat(store.apply(DEALER, INR, sale("INV-2", "5"))).isTrue();
  }

  @Test
  void certificationsKeepTheLongestValidity() {
    PerformanceStore store = createStore();
    Contribution first = new Contribution(ActivityId.of("C-1"), T, YearMonth.of(2026, 7), Money.zero(INR), Map.of(), 0,
        Optional.of(new Contribution.Certification("installer", Optional.of(LocalDate.of(2027, 1, 1)))));
    Contribution renewed = new Contribution(ActivityId.of("C-2"), T, YearMonth.of(2026, 7), Money.zero(INR), Map.of(),
        0, Optional.of(new Contribution.Certification("installer", Optional.of(LocalDate.of(2028, 1, 1)))));
    store.apply(DEALER, INR, renewed);
    store.apply(DEALER, INR, first);
    assertThat(store.history(DEALER, INR).certifications()).containsEntry("installer",
        Optional.of(LocalDate.of(2028, 1, 1)));
  }

  @Test
  void standingsAreReplaced() {
    PerformanceStore store = createStore();
    store.saveStanding(DEALER, TierStanding.in(TierId.of("gold"), T));
    store.saveStanding(DEALER, TierStanding.in(TierId.of("gold"), T).shortSince(LocalDate.of(2026, 11, 1)));
    assertThat(store.standing(DEALER).shortSince()).contains(LocalDate.of(2026, 11, 1));
    assertThat(store.participants()).containsExactly(DEALER);
  }

  /**
   * Runs {@code apply} for 200 activity ids, each twice, on 8 threads; how many calls said they
   * applied.
   */
  private static int appliedOnEightThreads(java.util.function.Predicate<String> apply) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger applied = new AtomicInteger();
    for (int i = 0; i < 400; i++) {
      String id = "INV-" + (i % 200); // every activity arrives twice
      pool.execute(() -> {
        if (apply.test(id)) {
          applied.incrementAndGet();
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    return applied.get();
  }

  @Test
  void concurrentContributionsToOneParticipantAreAllCounted() throws Exception {
    PerformanceStore store = createStore();
    assertThat(appliedOnEightThreads(id -> store.apply(DEALER, INR, sale(id, "10")))).isEqualTo(200);
    assertThat(store.history(DEALER, INR).months().get(YearMonth.of(2026, 7)).sales()).isEqualTo(Money.of("2000",
        "INR"));
  }

  // ---------------------------------------------------------------------------------------------
  // Earned points per period, rule and campaign

  private static final List<EarningPeriod> JULY_2 = EarningPeriod.of(T, ZoneId.of("Asia/Kolkata"), MonthDay.of(3, 31));

  private static PointsContribution points(String activity, PointsContribution.Step step, long earnRate,
      long campaign) {
    return new PointsContribution(ActivityId.of(activity), step, JULY_2, new PointTotals(Map.of("earn-rate", earnRate),
        campaign == 0 ? Map.of() : Map.of(CampaignId.of("monsoon"), campaign)));
  }

  @Test
  void earnedPointsAddUpPerPeriodRuleAndCampaign_andLeaveTheFiguresAlone() {
    PerformanceStore store = createStore();
    store.apply(DEALER, INR, sale("INV-1", "1000"));
    assertThat(store.applyPoints(DEALER, INR, points("INV-1", PointsContribution.Step.RECORDED, 300, 100))).isTrue();
    assertThat(store.applyPoints(DEALER, INR, points("INV-2", PointsContribution.Step.RECORDED, 50, 0))).isTrue();

    ParticipantHistory history = store.history(DEALER, INR);
    for (EarningPeriod period : JULY_2) {
      assertThat(history.earned().in(period).rule("earn-rate")).as("%s", period).isEqualTo(350);
      assertThat(history.earned().in(period).campaign(CampaignId.of("monsoon"))).as("%s", period).isEqualTo(100);
    }
    assertThat(history.earned().all()).hasSize(4);
    assertThat(history.months().get(YearMonth.of(2026, 7)).orders()).isEqualTo(1);
    assertThat(history.lastActivity()).contains(T);
    assertThat(store.earned(DEALER, INR, JULY_2)).containsOnlyKeys(JULY_2)
        .allSatisfy((period, totals) -> assertThat(totals.rule("earn-rate")).isEqualTo(350));
    EarningPeriod august = EarningPeriod.of(EarningPeriod.Kind.MONTH, LocalDate.of(2026, 8, 1), MonthDay.of(3, 31));
    assertThat(store.earned(DEALER, INR, List.of(august))).containsEntry(august, PointTotals.NONE);
  }

  @Test
  void eachStepOfAnActivityIsAppliedToAParticipantAtMostOnce() {
    PerformanceStore store = createStore();
    assertThat(store.applyPoints(DEALER, INR, points("INV-1", PointsContribution.Step.RECORDED, 300, 0))).isTrue();
    assertThat(store.applyPoints(DEALER, INR, points("INV-1", PointsContribution.Step.RECORDED, 300, 0))).isFalse();
    // a reviewer's decision on the same activity is another step; a second decision is a repeat
    assertThat(store.applyPoints(DEALER, INR, points("INV-1", PointsContribution.Step.REVIEWED, -300, 0))).isTrue();
    assertThat(store.applyPoints(DEALER, INR, points("INV-1", PointsContribution.Step.REVIEWED, -300, 0))).isFalse();
    assertThat(store.history(DEALER, INR).earned().isEmpty()).isTrue();
    // the same step still counts for another participant, and the figures keep their own record
    assertThat(store.applyPoints(MemberId.of("rep-1"), INR, points("INV-1", PointsContribution.Step.RECORDED, 90, 0)))
        .isTrue();
    assertThat(store.apply(DEALER, INR, sale("INV-1", "1000"))).isTrue();
  }

  @Test
  void pointsThatWouldOverflowAreRefusedAndChangeNothing() {
    PerformanceStore store = createStore();
    store.applyPoints(DEALER, INR, points("INV-1", PointsContribution.Step.RECORDED, Long.MAX_VALUE, 0));
    assertThatThrownBy(() -> store.applyPoints(DEALER, INR, points("INV-2", PointsContribution.Step.RECORDED, 1, 0)))
        .isInstanceOf(ArithmeticException.class);
    assertThat(store.history(DEALER, INR).earned().in(JULY_2.get(0)).rule("earn-rate")).isEqualTo(Long.MAX_VALUE);
    // not remembered as applied: once the points fit, the same step is applied
    store.applyPoints(DEALER, INR, points("INV-3", PointsContribution.Step.RECORDED, -10, 0));
    assertThat(store.applyPoints(DEALER, INR, points("INV-2", PointsContribution.Step.RECORDED, 1, 0))).isTrue();
  }

  @Test
  void concurrentPointsOfOneParticipantAreAllCountedOnce() throws Exception {
    PerformanceStore store = createStore();
    assertThat(appliedOnEightThreads(id -> store.applyPoints(DEALER, INR, points(id, PointsContribution.Step.RECORDED,
        10, 1)))).isEqualTo(200);
    PointTotals month = store.history(DEALER, INR).earned().in(JULY_2.get(1));
    assertThat(month.rule("earn-rate")).isEqualTo(2000);
    assertThat(month.campaign(CampaignId.of("monsoon"))).isEqualTo(200);
  }

  @Test
  void aLongRandomHistoryReadsBackAsTheModelAddsItUp() {
    PerformanceStore store = createStore();
    java.util.Random random = new java.util.Random(15);
    List<String> categories = List.of("cables", "switches", "smart-switches", "lighting");
    ParticipantId[] participants = {DEALER, MemberId.of("dealer-a-rep-1"), PartnerId.of("dealer-b")};
    Map<ParticipantId, ParticipantHistory> model = new java.util.HashMap<>();
    for (ParticipantId p : participants) {
      model.put(p, ParticipantHistory.empty(p, INR));
    }
    for (int i = 0; i < 600; i++) {
      ParticipantId p = participants[random.nextInt(participants.length)];
      YearMonth month = YearMonth.of(2024, 1).plusMonths(random.nextInt(36));
      Instant at = month.atDay(1 + random.nextInt(28)).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
          .plusNanos(random.nextInt(1_000_000_000));
      int kind = random.nextInt(10);
      Contribution c;
      if (kind < 6) {
        Map<String, Money> byCategory = new java.util.HashMap<>();
        Money sales = Money.zero(INR);
        for (int line = 0; line <= random.nextInt(2); line++) {
          Money amount = Money.of(random.nextInt(100_000) + "." + random.nextInt(100), "INR");
          byCategory.merge(categories.get(random.nextInt(categories.size())), amount, Money::plus);
          sales = sales.plus(amount);
        }
        c = new Contribution(ActivityId.of("A-" + i), at, month, sales, byCategory, 1, Optional.empty());
      } else if (kind < 8) {
        // a return: negative sales, sometimes all of a month's category
        var months = model.get(p).months();
        var figures = months.get(month);
        if (figures == null || figures.byCategory().isEmpty()) {
          continue;
        }
        Map.Entry<String, Money> cat = figures.byCategory().entrySet().iterator().next();
        Money back = random.nextBoolean() ? cat.getValue()
            : Money.of(cat.getValue().amount().divide(java.math.BigDecimal.valueOf(3), 2,
                java.math.RoundingMode.DOWN), INR);
        Money minus = back.times(java.math.BigDecimal.ONE.negate());
        c = new Contribution(ActivityId.of("A-" + i), at, month, minus, Map.of(cat.getKey(), minus), 0,
            Optional.empty());
      } else if (kind < 9) {
        c = new Contribution(ActivityId.of("A-" + i), at, month, Money.zero(INR), Map.of(), 0, Optional.of(
            new Contribution.Certification("cert-" + random.nextInt(3), random.nextBoolean() ? Optional.empty()
                : Optional.of(LocalDate.of(2026, 1, 1).plusDays(random.nextInt(900))))));
      } else {
        c = new Contribution(ActivityId.of("A-" + i), at, month, Money.zero(INR), Map.of(), 0, Optional.empty());
      }
      assertThat(store.apply(p, INR, c)).isTrue();
      model.put(p, model.get(p).plus(c));
      if (random.nextInt(10) == 0) {
        assertThat(store.apply(p, INR, c)).as("applied again").isFalse();
      }
      if (random.nextInt(3) == 0) {
        // points earned on the activity's day, sometimes taken back
        List<EarningPeriod> periods = EarningPeriod.of(at, ZoneId.of("Asia/Kolkata"), MonthDay.of(3, 31));
        long earnRate = random.nextInt(5) == 0 ? -random.nextInt(200) : random.nextInt(1_000);
        PointsContribution points = new PointsContribution(ActivityId.of("A-" + i), PointsContribution.Step.RECORDED,
            periods, new PointTotals(Map.of("earn-rate", earnRate), random.nextBoolean() ? Map.of()
                : Map.of(CampaignId.of("monsoon"), earnRate / 2)));
        assertThat(store.applyPoints(p, INR, points)).isTrue();
        model.put(p, model.get(p).plus(points));
        ParticipantHistory expected = model.get(p);
        Map<EarningPeriod, PointTotals> expectedPoints = new java.util.LinkedHashMap<>();
        periods.forEach(period -> expectedPoints.put(period, expected.earned().in(period)));
        assertThat(store.earned(p, INR, periods)).as("earned by %s after %s", p, i).isEqualTo(expectedPoints);
      }
      // the figures as rules and tiers read them, at a random time around the activity's
      Instant asOf = at.plus(java.time.Duration.ofDays(random.nextInt(120) - 60L));
      int window = 1 + random.nextInt(6);
      assertThat(store.figures(p, INR, asOf, ZoneId.of("Asia/Kolkata"), window)).as("figures of %s after %s", p, i)
          .isEqualTo(PerformanceFigures.of(model.get(p), asOf, ZoneId.of("Asia/Kolkata"), window));
    }
    for (ParticipantId p : participants) {
      assertThat(store.history(p, INR)).as("history of %s", p).isEqualTo(model.get(p));
    }
    assertThat(store.figures(PartnerId.of("nobody"), INR, T, ZoneId.of("Asia/Kolkata"), 3))
        .isEqualTo(PerformanceFigures.of(ParticipantHistory.empty(PartnerId.of("nobody"), INR), T,
            ZoneId.of("Asia/Kolkata"), 3));
    assertThat(store.participants()).containsExactlyInAnyOrder(participants);
  }

  @Test
  void standingsOfEveryShapeReadBackEqual() {
    PerformanceStore store = createStore();
    TierStanding full = new TierStanding(Optional.of(TierId.of("gold")), Optional.of(Instant.parse(
        "2026-07-31T18:29:59.999999999Z")), Optional.of(LocalDate.of(2026, 9, 30)));
    store.saveStanding(DEALER, full);
    store.saveStanding(MemberId.of("rep"), TierStanding.none());
    assertThat(store.standing(DEALER)).isEqualTo(full);
    assertThat(store.standing(MemberId.of("rep"))).isEqualTo(TierStanding.none());
    // a standing saved first, figures after: both kept
    assertThat(store.apply(MemberId.of("rep"), INR, sale("INV-1", "10"))).isTrue();
    assertThat(store.standing(MemberId.of("rep"))).isEqualTo(TierStanding.none());
    assertThat(store.history(MemberId.of("rep"), INR).months()).hasSize(1);
    store.saveStanding(DEALER, TierStanding.none());
    assertThat(store.standing(DEALER)).isEqualTo(TierStanding.none());
    assertThat(store.participants()).containsExactlyInAnyOrder(DEALER, MemberId.of("rep"));
  }

  @Test
  void concurrentContributionsToManyParticipantsAreAllCountedOnce() throws Exception {
    PerformanceStore store = createStore();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger applied = new AtomicInteger();
    for (int i = 0; i < 800; i++) {
      ParticipantId p = i % 2 == 0 ? PartnerId.of("dealer-" + (i % 5)) : MemberId.of("rep-" + (i % 5));
      String id = "INV-" + (i % 400); // every activity arrives twice for its participant
      pool.execute(() -> {
        if (store.apply(p, INR, sale(id, "10"))) {
          applied.incrementAndGet();
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    assertThat(applied).hasValue(400);
    long orders = 0;
    for (ParticipantId p : store.participants()) {
      orders += store.history(p, INR).months().get(YearMonth.of(2026, 7)).orders();
    }
    assertThat(orders).isEqualTo(400);
  }
}
