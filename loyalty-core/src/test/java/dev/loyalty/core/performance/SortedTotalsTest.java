package dev.loyalty.core.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.PartnerId;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Running totals kept as immutable sorted arrays: adding gives a new map equal to a {@code
 * TreeMap} model's (zeros left out, key order kept), the map added to is unchanged, and the points
 * a rule read from a participant's running history before an add stay what they were.
 */
class SortedTotalsTest {

  @Provide
  Arbitrary<List<Map<String, Long>>> additions() {
    Arbitrary<Map<String, Long>> one = Arbitraries.maps(Arbitraries.of("base", "mix", "premium", "split", "tier", "a",
        "z"), Arbitraries.longs().between(-50, 50).filter(p -> p != 0)).ofMaxSize(4);
    return one.list().ofMaxSize(40);
  }

  @Property(tries = 300)
  void addingAgreesWithAModel_andLeavesTheMapAddedToAsItWas(@ForAll("additions") List<Map<String, Long>> adds) {
    SortedTotals<String> totals = SortedTotals.empty();
    TreeMap<String, Long> model = new TreeMap<>();
    for (Map<String, Long> more : adds) {
      Map<String, Long> before = new TreeMap<>(totals);
      SortedTotals<String> next = totals.plus(more);
      assertThat(totals).isEqualTo(before);
      more.forEach((k, p) -> {
        long sum = model.getOrDefault(k, 0L) + p;
        if (sum == 0) {
          model.remove(k);
        } else {
          model.put(k, sum);
        }
      });
      assertThat(next).isEqualTo(model).doesNotContainValue(0L);
      assertThat(new ArrayList<>(next.keySet())).isEqualTo(new ArrayList<>(model.keySet()));
      assertThat(next.hashCode()).isEqualTo(model.hashCode());
      totals = next;
    }
  }

  @Test
  void anOverflowIsRefused_andTheTotalsStayAsTheyWere() {
    SortedTotals<String> totals = SortedTotals.<String>empty().plus(Map.of("base", Long.MAX_VALUE - 1));
    assertThatThrownBy(() -> totals.plus(Map.of("base", 2L))).isInstanceOf(ArithmeticException.class);
    assertThat(totals).isEqualTo(Map.of("base", Long.MAX_VALUE - 1));
  }

  @Test
  void pointsReadBeforeAnAddKeepWhatTheyRead() {
    PartnerId dealer = PartnerId.of("dealer-a");
    RunningHistory history = new RunningHistory(dealer, Currency.getInstance("INR"));
    Instant at = Instant.parse("2026-07-10T10:00:00Z");
    List<EarningPeriod> periods = EarningPeriod.of(at, ZoneOffset.UTC, MonthDay.of(12, 31));
    CampaignId monsoon = CampaignId.of("monsoon");
    history.add(new PointsContribution(ActivityId.of("INV-1"), PointsContribution.Step.RECORDED, periods,
        new PointTotals(Map.of("base", 10L), Map.of(monsoon, 5L))));
    PointTotals read = history.earned(periods.get(1));
    history.add(new PointsContribution(ActivityId.of("INV-2"), PointsContribution.Step.RECORDED, periods,
        new PointTotals(Map.of("base", 7L, "mix", 3L), Map.of())));
    assertThat(read).isEqualTo(new PointTotals(Map.of("base", 10L), Map.of(monsoon, 5L)));
    assertThat(history.earned(periods.get(1))).isEqualTo(new PointTotals(Map.of("base", 17L, "mix", 3L),
        Map.of(monsoon, 5L)));
    Map<String, Long> back = new HashMap<>(Map.of("base", -17L, "mix", -3L));
    history.add(new PointsContribution(ActivityId.of("INV-2"), PointsContribution.Step.RECORDED, periods,
        new PointTotals(back, Map.of(monsoon, -5L))));
    assertThat(history.earned(periods.get(1))).isEqualTo(PointTotals.NONE);
  }

  @Property(tries = 300)
  void mergingSortedTotalsAgreesWithAddingTheSameMap(@ForAll("additions") List<Map<String, Long>> adds) {
    SortedTotals<String> totals = SortedTotals.empty();
    for (Map<String, Long> more : adds) {
      // the sorted form of the same points, which a running total merges in one pass
      SortedTotals<String> sorted = SortedTotals.<String>empty().plus(more);
      Map<String, Long> totalsBefore = new TreeMap<>(totals);
      Map<String, Long> sortedBefore = new TreeMap<>(sorted);
      SortedTotals<String> merged = totals.plus(sorted);
      SortedTotals<String> added = totals.plus(more);
      assertThat(merged).isEqualTo(added).doesNotContainValue(0L);
      assertThat(new ArrayList<>(merged.keySet())).isEqualTo(new ArrayList<>(added.keySet()));
      // the keys array a merge may share is left as it was on both sides
      assertThat(totals).isEqualTo(totalsBefore);
      assertThat(new ArrayList<>(totals.keySet())).isEqualTo(new ArrayList<>(totalsBefore.keySet()));
      assertThat(sorted).isEqualTo(sortedBefore);
      assertThat(new ArrayList<>(sorted.keySet())).isEqualTo(new ArrayList<>(sortedBefore.keySet()));
      // and shared exactly when one side already has the result's keys
      boolean sameKeysAsBefore = new ArrayList<>(merged.keySet()).equals(new ArrayList<>(totalsBefore.keySet()));
      boolean sameKeysAsAdded = new ArrayList<>(merged.keySet()).equals(new ArrayList<>(sortedBefore.keySet()));
      assertThat(merged.sharesKeysWith(totals) || merged.sharesKeysWith(sorted) || merged.isEmpty())
          .isEqualTo(sameKeysAsBefore || sameKeysAsAdded || merged.isEmpty());
      totals = merged;
    }
  }

  /**
   * Activities that name the same rules again and again (the usual case, merged place by place
   * without comparing keys), some of their points taking a total back to zero, and keys that are
   * equal but other instances (compared): every merge equals the model's sums.
   */
  @Property(tries = 300)
  void mergingTotalsOfTheSameRulesAgreesWithAModel(
      @ForAll("sameRules") List<Map<String, Long>> adds, @ForAll List<Boolean> copiedKeys) {
    SortedTotals<String> totals = SortedTotals.empty();
    TreeMap<String, Long> model = new TreeMap<>();
    for (int i = 0; i < adds.size(); i++) {
      Map<String, Long> more = adds.get(i);
      boolean copied = i < copiedKeys.size() && copiedKeys.get(i);
      TreeMap<String, Long> keyed = new TreeMap<>();
      // a total taken back exactly now and then: the rule's total comes to zero and is left out
      more.forEach((k, p) -> keyed.put(copied ? new String(k) : k, p == 13 && model.containsKey(k) ? -model.get(k)
          : p));
      SortedTotals<String> sorted = SortedTotals.<String>empty().plus(keyed);
      Map<String, Long> totalsBefore = new TreeMap<>(totals);
      SortedTotals<String> merged = totals.plus(sorted);
      keyed.forEach((k, p) -> {
        long sum = model.getOrDefault(k, 0L) + p;
        if (sum == 0) {
          model.remove(k);
        } else {
          model.put(k, sum);
        }
      });
      assertThat(merged).isEqualTo(model).doesNotContainValue(0L);
      assertThat(new ArrayList<>(merged.keySet())).isEqualTo(new ArrayList<>(model.keySet()));
      assertThat(totals).isEqualTo(totalsBefore);
      totals = merged;
    }
  }

  @Provide
  Arbitrary<List<Map<String, Long>>> sameRules() {
    Arbitrary<Map<String, Long>> one = Arbitraries.of(List.of("base"), List.of("base", "mix"), List.of("a", "premium",
        "z")).flatMap(keys -> Arbitraries.longs().between(-20, 20).filter(p -> p != 0).list().ofSize(keys.size())
        .map(points -> {
          Map<String, Long> m = new HashMap<>();
          for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), points.get(i));
          }
          return m;
        }));
    return one.list().ofMaxSize(40);
  }

  @Test
  void mergingRefusesAnOverflow_andLeavesBothAsTheyWere() {
    SortedTotals<String> totals = SortedTotals.<String>empty().plus(Map.of("base", Long.MAX_VALUE - 1, "mix", 4L));
    SortedTotals<String> more = SortedTotals.<String>empty().plus(Map.of("base", 2L, "a", 1L));
    assertThatThrownBy(() -> totals.plus(more)).isInstanceOf(ArithmeticException.class);
    assertThat(totals).isEqualTo(Map.of("base", Long.MAX_VALUE - 1, "mix", 4L));
    assertThat(more).isEqualTo(Map.of("base", 2L, "a", 1L));
  }

  @Test
  void anOverflowInALaterPeriodLeavesTheEarlierPeriodsAsTheyWere() {
    RunningHistory history = new RunningHistory(PartnerId.of("dealer-a"), Currency.getInstance("INR"));
    List<EarningPeriod> july2 = EarningPeriod.of(Instant.parse("2026-07-02T10:00:00Z"), ZoneOffset.UTC,
        MonthDay.of(12, 31));
    List<EarningPeriod> july3 = EarningPeriod.of(Instant.parse("2026-07-03T10:00:00Z"), ZoneOffset.UTC,
        MonthDay.of(12, 31));
    history.add(new PointsContribution(ActivityId.of("INV-1"), PointsContribution.Step.RECORDED, july2,
        new PointTotals(Map.of("base", Long.MAX_VALUE - 1), Map.of())));
    // the day of July 3 is new and would take the points; its month, quarter and year overflow
    assertThatThrownBy(() -> history.add(new PointsContribution(ActivityId.of("INV-3"),
        PointsContribution.Step.RECORDED, july3, new PointTotals(Map.of("base", 2L), Map.of()))))
        .isInstanceOf(ArithmeticException.class);
    assertThat(july3.get(0).kind()).isEqualTo(EarningPeriod.Kind.DAY);
    assertThat(history.earned(july3.get(0))).isEqualTo(PointTotals.NONE);
    assertThat(history.earned(july3.get(1))).isEqualTo(new PointTotals(Map.of("base", Long.MAX_VALUE - 1), Map.of()));
  }
}
