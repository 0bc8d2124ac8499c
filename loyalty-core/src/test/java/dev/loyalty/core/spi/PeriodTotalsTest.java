package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.PointTotals;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-memory store answers {@link PerformanceStore#earned} with the periods and totals in two
 * arrays ({@link PeriodTotals}) instead of a linked hash map per read: for any periods asked for
 * (repeats included) it is the map the store used to give, entry for entry and in the same order.
 */
class PeriodTotalsTest {

  @Provide
  Arbitrary<List<EarningPeriod>> asked() {
    Arbitrary<LocalDate> days = Arbitraries.integers().between(0, 60).map(d -> LocalDate.of(2026, 6, 1).plusDays(d));
    return Combinators.combine(Arbitraries.of(EarningPeriod.Kind.class), days)
        .as((kind, day) -> EarningPeriod.of(kind, day, MonthDay.of(3, 31))).list().ofMaxSize(6);
  }

  @Property(tries = 300)
  void isTheMapTheStoreUsedToGive(@ForAll("asked") List<EarningPeriod> periods, @ForAll("asked") List<EarningPeriod> others) {
    PointTotals[] totals = new PointTotals[periods.size()];
    Map<EarningPeriod, PointTotals> model = new LinkedHashMap<>();
    for (int i = 0; i < totals.length; i++) {
      totals[i] = new PointTotals(Map.of("base", (long) i + 1), Map.of());
      model.put(periods.get(i), totals[i]);
    }
    Map<EarningPeriod, PointTotals> made = PeriodTotals.of(periods, totals);
    assertThat(made).isEqualTo(model).hasSameHashCodeAs(model).hasSameSizeAs(model);
    assertThat(model).isEqualTo(made);
    assertThat(new ArrayList<>(made.entrySet())).isEqualTo(new ArrayList<>(model.entrySet()));
    List<Map.Entry<EarningPeriod, PointTotals>> seen = new ArrayList<>();
    made.forEach((p, t) -> seen.add(Map.entry(p, t)));
    assertThat(seen).isEqualTo(new ArrayList<>(model.entrySet()));
    for (EarningPeriod p : others) {
      assertThat(made.get(p)).isEqualTo(model.get(p));
      assertThat(made.containsKey(p)).isEqualTo(model.containsKey(p));
    }
    if (!periods.isEmpty() && made instanceof PeriodTotals) {
      assertThatThrownBy(() -> made.remove(periods.get(0))).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(made::clear).isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
