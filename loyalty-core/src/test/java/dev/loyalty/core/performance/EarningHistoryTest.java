package dev.loyalty.core.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.PartnerId;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Points per period: what {@link EarningHistory#plus} adds, against a plain map of every period. */
class EarningHistoryTest {
  private static final MonthDay FISCAL = MonthDay.of(3, 31);
  private static final List<String> RULES = List.of("earn-rate", "mix-bonus", "training-bonus");
  private static final List<CampaignId> CAMPAIGNS = List.of(CampaignId.of("monsoon"), CampaignId.of("diwali"));

  /** Points of one rule (and maybe campaign) on a day. */
  record Added(int day, int rule, int campaign, long points, boolean step) {
  }

  @Provide
  Arbitrary<List<Added>> additions() {
    return Combinators.combine(Arbitraries.integers().between(0, 800), Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(-1, 1), Arbitraries.longs().between(-500, 500), Arbitraries.of(true, false))
        .as(Added::new).list().ofMaxSize(60);
  }

  @Property(tries = 200)
  void everyPeriodHoldsTheSumOfWhatWasAddedInIt(@ForAll("additions") List<Added> additions) {
    EarningHistory history = EarningHistory.empty();
    // the running history keeps the same periods in place: after every add it reads what the
    // immutable one holds, and totals read before an add keep what they read
    RunningHistory running = new RunningHistory(PartnerId.of("dealer-a"), Currency.getInstance("INR"));
    Map<List<Object>, Long> model = new HashMap<>();
    List<LocalDate> days = new ArrayList<>();
    int n = 0;
    for (Added a : additions) {
      LocalDate day = LocalDate.of(2026, 1, 1).plusDays(a.day());
      days.add(day);
      List<EarningPeriod> periods = EarningPeriod.of(day.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC,
          FISCAL);
      Map<String, Long> byRule = Map.of(RULES.get(a.rule()), a.points());
      Map<CampaignId, Long> byCampaign = a.campaign() < 0 ? Map.of() : Map.of(CAMPAIGNS.get(a.campaign()), a.points());
      EarningHistory before = history;
      PointsContribution contribution = new PointsContribution(ActivityId.of("a-" + n++), a.step()
          ? PointsContribution.Step.RECORDED : PointsContribution.Step.REVIEWED, periods,
          new PointTotals(byRule, byCampaign));
      history = history.plus(contribution);
      List<PointTotals> readBefore = periods.stream().map(running::earned).toList();
      running.add(contribution);
      for (int i = 0; i < periods.size(); i++) {
        assertThat(running.earned(periods.get(i))).isEqualTo(history.in(periods.get(i)));
        assertThat(readBefore.get(i)).isEqualTo(before.in(periods.get(i)));
      }
      for (EarningPeriod p : periods) {
        model.merge(List.of(p, RULES.get(a.rule())), a.points(), Long::sum);
        if (a.campaign() >= 0) {
          model.merge(List.of(p, CAMPAIGNS.get(a.campaign())), a.points(), Long::sum);
        }
      }
      // an older history is a value: adding to it changed nothing it shows
      assertThat(before.plus(new PointsContribution(ActivityId.of("x"), PointsContribution.Step.RECORDED, periods,
          PointTotals.NONE))).isEqualTo(before);
    }
    for (LocalDate day : days) {
      for (EarningPeriod p : EarningPeriod.of(day.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC, FISCAL)) {
        PointTotals totals = history.in(p);
        for (String rule : RULES) {
          assertThat(totals.rule(rule)).as("%s %s", p, rule).isEqualTo(model.getOrDefault(List.of(p, rule), 0L));
        }
        for (CampaignId c : CAMPAIGNS) {
          assertThat(totals.campaign(c)).as("%s %s", p, c).isEqualTo(model.getOrDefault(List.of(p, c), 0L));
        }
      }
    }
    // what a store reads back is the same history
    assertThat(EarningHistory.of(history.all())).isEqualTo(history);
    assertThat(running.snapshot().earned()).isEqualTo(history);
    assertThat(history.all().values()).noneMatch(PointTotals::isEmpty);
  }

  @Test
  void pointsTakenBackToZeroLeaveNoPeriodBehind() {
    List<EarningPeriod> periods = EarningPeriod.of(LocalDate.of(2026, 7, 2).atStartOfDay().toInstant(ZoneOffset.UTC),
        ZoneOffset.UTC, FISCAL);
    PointTotals earned = new PointTotals(Map.of("earn-rate", 300L), Map.of(CAMPAIGNS.get(0), 300L));
    EarningHistory h = EarningHistory.empty()
        .plus(new PointsContribution(ActivityId.of("inv-1"), PointsContribution.Step.RECORDED, periods, earned))
        .plus(new PointsContribution(ActivityId.of("inv-1"), PointsContribution.Step.REVIEWED, periods,
            earned.negated()));
    assertThat(h.isEmpty()).isTrue();
    assertThat(h).isEqualTo(EarningHistory.empty());
  }

  @Test
  void anOverflowIsRefused() {
    List<EarningPeriod> periods = EarningPeriod.of(LocalDate.of(2026, 7, 2).atStartOfDay().toInstant(ZoneOffset.UTC),
        ZoneOffset.UTC, FISCAL);
    EarningHistory h = EarningHistory.empty().plus(new PointsContribution(ActivityId.of("a"),
        PointsContribution.Step.RECORDED, periods, new PointTotals(Map.of("r", Long.MAX_VALUE), Map.of())));
    assertThatThrownBy(() -> h.plus(new PointsContribution(ActivityId.of("b"), PointsContribution.Step.RECORDED,
        periods, new PointTotals(Map.of("r", 1L), Map.of())))).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void aContributionCountsInOnePeriodOfEachKindAtMost() {
    LocalDate day = LocalDate.of(2026, 7, 2);
    assertThatThrownBy(() -> new PointsContribution(ActivityId.of("a"), PointsContribution.Step.RECORDED,
        List.of(EarningPeriod.of(EarningPeriod.Kind.DAY, day, FISCAL), EarningPeriod.of(EarningPeriod.Kind.DAY,
            day.plusDays(1), FISCAL)), PointTotals.NONE)).hasMessageContaining("count in two DAY periods");
    assertThatThrownBy(() -> new PointsContribution(ActivityId.of("a"), PointsContribution.Step.RECORDED, List.of(),
        PointTotals.NONE)).hasMessageContaining("at least one period");
    assertThatThrownBy(() -> new PointTotals(Map.of(" ", 1L), Map.of())).hasMessageContaining("must not be blank");
  }
}
