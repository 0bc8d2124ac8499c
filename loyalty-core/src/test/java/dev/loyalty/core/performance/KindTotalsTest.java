package dev.loyalty.core.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.CampaignId;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * One kind's earned points kept as rows of arrays ({@link KindTotals}) against a model, a {@code
 * TreeMap} of periods to {@code TreeMap}s of totals: periods added to in any order (rows inserted
 * before others, rows that grow where they are or move to the end, rows dropped), totals taken back
 * to zero, the same rules as other but equal string instances, overflows refused with nothing
 * changed, and every {@link PointTotals} read before an add still what it was.
 */
class KindTotalsTest {
  private static final MonthDay YEAR_END = MonthDay.of(12, 31);
  private static final List<String> RULES = List.of("base", "mix", "premium", "split", "tier");
  private static final List<CampaignId> CAMPAIGNS = List.of(CampaignId.of("diwali"), CampaignId.of("monsoon"));

  /** Points of some rules (and campaigns) in the period of {@code day}; {@code overflow} adds Long.MAX_VALUE. */
  record Add(int day, Map<Integer, Long> rules, Map<Integer, Long> campaigns, boolean copiedKeys, boolean overflow) {
  }

  @Provide
  Arbitrary<List<Add>> adds() {
    Arbitrary<Map<Integer, Long>> rules = Arbitraries.maps(Arbitraries.integers().between(0, RULES.size() - 1),
        Arbitraries.longs().between(-30, 30).filter(p -> p != 0)).ofMaxSize(3);
    Arbitrary<Map<Integer, Long>> campaigns = Arbitraries.maps(Arbitraries.integers().between(0, 1),
        Arbitraries.longs().between(-30, 30).filter(p -> p != 0)).ofMaxSize(2);
    return Combinators.combine(Arbitraries.integers().between(0, 9), rules, campaigns, Arbitraries.of(true, false),
        Arbitraries.integers().between(0, 20).map(i -> i == 0)).as(Add::new).list().ofMaxSize(80);
  }

  @Property(tries = 400)
  void rowsAgreeWithAModel_andWhatWasReadNeverChanges(@ForAll("adds") List<Add> adds) {
    for (EarningPeriod.Kind kind : EarningPeriod.Kind.values()) {
      KindTotals totals = new KindTotals();
      TreeMap<EarningPeriod, TreeMap<String, Long>> modelRules = new TreeMap<>();
      TreeMap<EarningPeriod, TreeMap<CampaignId, Long>> modelCampaigns = new TreeMap<>();
      Map<PointTotals, PointTotals> readThen = new HashMap<>();
      List<PointTotals> read = new ArrayList<>();
      for (Add a : adds) {
        // days spread over two years, so months, quarters and years have several periods too
        EarningPeriod period = EarningPeriod.of(kind, LocalDate.of(2026, 1, 1).plusDays(a.day() * 71L), YEAR_END);
        PointTotals before = totals.get(period);
        read.add(before);
        readThen.put(before, new PointTotals(new TreeMap<>(before.byRule()), new TreeMap<>(before.byCampaign())));
        TreeMap<String, Long> rules = new TreeMap<>();
        a.rules().forEach((r, p) -> rules.put(a.copiedKeys() ? new String(RULES.get(r)) : RULES.get(r),
            a.overflow() ? Long.MAX_VALUE : p));
        TreeMap<CampaignId, Long> campaigns = new TreeMap<>();
        a.campaigns().forEach((c, p) -> campaigns.put(a.copiedKeys() ? CampaignId.of(CAMPAIGNS.get(c).value())
            : CAMPAIGNS.get(c), p));
        SortedTotals<String> byRule = rules.isEmpty() ? SortedTotals.empty() : SortedTotals.copyOf(rules);
        SortedTotals<CampaignId> byCampaign = campaigns.isEmpty() ? SortedTotals.empty()
            : SortedTotals.copyOf(campaigns);
        if (overflows(modelRules.get(period), rules) || overflows(modelCampaigns.get(period), campaigns)) {
          assertThatThrownBy(() -> totals.check(period, byRule, byCampaign)).isInstanceOf(ArithmeticException.class);
        } else {
          totals.check(period, byRule, byCampaign);
          totals.add(period, byRule, byCampaign);
          merge(modelRules, period, rules);
          merge(modelCampaigns, period, campaigns);
        }
        for (int d = 0; d < 10; d++) {
          EarningPeriod p = EarningPeriod.of(kind, LocalDate.of(2026, 1, 1).plusDays(d * 71L), YEAR_END);
          PointTotals got = totals.get(p);
          assertThat(got.byRule()).as("%s rules", p).isEqualTo(modelRules.getOrDefault(p, new TreeMap<>()));
          assertThat(got.byCampaign()).as("%s campaigns", p)
              .isEqualTo(modelCampaigns.getOrDefault(p, new TreeMap<>()));
          assertThat(new ArrayList<>(got.byRule().keySet()))
              .isEqualTo(new ArrayList<>(modelRules.getOrDefault(p, new TreeMap<>()).keySet()));
        }
        java.util.Set<EarningPeriod> live = new java.util.HashSet<>(modelRules.keySet());
        live.addAll(modelCampaigns.keySet());
        assertThat(totals.size()).isEqualTo(live.size());
        int cells = modelRules.values().stream().mapToInt(Map::size).sum()
            + modelCampaigns.values().stream().mapToInt(Map::size).sum();
        // holes of moved and dropped rows are compacted before they are half the cells
        assertThat(totals.cellsUsed()).isLessThanOrEqualTo(2 * cells);
        Map<EarningPeriod, PointTotals> all = new HashMap<>();
        totals.copyInto(all);
        assertThat(all.keySet()).isEqualTo(live);
      }
      // what was read before any add still holds what it held then
      for (PointTotals r : read) {
        assertThat(r).isEqualTo(readThen.get(r));
      }
    }
  }

  private static <K> boolean overflows(TreeMap<K, Long> totals, Map<K, Long> more) {
    if (totals == null) {
      return false;
    }
    for (Map.Entry<K, Long> e : more.entrySet()) {
      long before = totals.getOrDefault(e.getKey(), 0L);
      long sum = before + e.getValue();
      if (((before ^ sum) & (e.getValue() ^ sum)) < 0) {
        return true;
      }
    }
    return false;
  }

  private static <K> void merge(TreeMap<EarningPeriod, TreeMap<K, Long>> model, EarningPeriod period,
      Map<K, Long> more) {
    TreeMap<K, Long> totals = model.computeIfAbsent(period, p -> new TreeMap<>());
    more.forEach((k, p) -> {
      long sum = totals.getOrDefault(k, 0L) + p;
      if (sum == 0) {
        totals.remove(k);
      } else {
        totals.put(k, sum);
      }
    });
    if (totals.isEmpty()) {
      model.remove(period);
    }
  }

  @Test
  void theSameRulesDayAfterDayKeepOneKeysArray() {
    KindTotals totals = new KindTotals();
    SortedTotals<String> points = SortedTotals.copyOf(new TreeMap<>(Map.of("base", 10L, "mix", 5L)));
    for (int d = 0; d < 5; d++) {
      EarningPeriod day = EarningPeriod.of(EarningPeriod.Kind.DAY, LocalDate.of(2026, 7, 1).plusDays(d), YEAR_END);
      totals.add(day, points, SortedTotals.empty());
      totals.add(day, points, SortedTotals.empty());
    }
    SortedTotals<?> first = (SortedTotals<?>) totals.get(EarningPeriod.of(EarningPeriod.Kind.DAY,
        LocalDate.of(2026, 7, 1), YEAR_END)).byRule();
    SortedTotals<?> last = (SortedTotals<?>) totals.get(EarningPeriod.of(EarningPeriod.Kind.DAY,
        LocalDate.of(2026, 7, 5), YEAR_END)).byRule();
    assertThat(first.sharesKeysWith(last)).isTrue();
    assertThat(last).isEqualTo(Map.of("base", 20L, "mix", 10L));
    // in place: five rows of two totals, no holes
    assertThat(totals.cellsUsed()).isEqualTo(10);
  }
}
