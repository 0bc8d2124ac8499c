package dev.loyalty.core.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A figures window's sales per category ({@link CategoryTotals}: sorted arrays, the categories'
 * array shared between versions) against what the window made before (the positive sums copied
 * into a hash map and from there into an immutable map) after every contribution: equal, same
 * hash, same lookups, equally immutable, in category order, and every earlier version unchanged.
 */
class CategoryTotalsTest {
  private static final Currency INR = Currency.getInstance("INR");
  private static final List<String> CATEGORIES = List.of("cables", "fans", "lights", "switches", "wires");

  @Provide
  Arbitrary<List<Map<String, Long>>> contributions() {
    // amounts go down to zero and below (returns) and up again
    return Arbitraries.maps(Arbitraries.of(CATEGORIES), Arbitraries.longs().between(-300, 600)).ofMaxSize(3)
        .list().ofMaxSize(40);
  }

  @Property(tries = 400)
  void agreesWithTheCopiedMap_andEarlierVersionsStay(@ForAll("contributions") List<Map<String, Long>> first,
      @ForAll("contributions") List<Map<String, Long>> then) {
    Map<String, BigDecimal> sums = new HashMap<>();
    first.forEach(c -> c.forEach((category, amount) -> sums.merge(category, BigDecimal.valueOf(amount, 1),
        BigDecimal::add)));
    CategoryTotals totals = CategoryTotals.positiveOf(sums, INR);
    List<CategoryTotals> versions = new ArrayList<>();
    List<Map<String, Money>> expected = new ArrayList<>();
    check(totals, positive(sums));
    for (Map<String, Long> c : then) {
      String[] changed = new String[c.size()];
      Money[] now = new Money[changed.length];
      int i = 0;
      for (Map.Entry<String, Long> e : c.entrySet()) {
        BigDecimal sum = sums.merge(e.getKey(), BigDecimal.valueOf(e.getValue(), 1), BigDecimal::add);
        changed[i] = e.getKey();
        now[i++] = sum.signum() > 0 ? Money.of(sum, INR) : null;
      }
      versions.add(totals);
      expected.add(Map.copyOf(totals));
      totals = totals.with(changed, now);
      check(totals, positive(sums));
    }
    for (int v = 0; v < versions.size(); v++) {
      assertThat(versions.get(v)).isEqualTo(expected.get(v));
    }
  }

  /** What the window made before: the positive sums as money, copied into an immutable map. */
  private static Map<String, Money> positive(Map<String, BigDecimal> sums) {
    Map<String, Money> positive = new HashMap<>();
    sums.forEach((category, amount) -> {
      if (amount.signum() > 0) {
        positive.put(category, Money.of(amount, INR));
      }
    });
    return Map.copyOf(positive);
  }

  private static void check(CategoryTotals totals, Map<String, Money> model) {
    assertThat(totals).isEqualTo(model).hasSameHashCodeAs(model).hasSameSizeAs(model);
    assertThat(model).isEqualTo(totals);
    assertThat(new ArrayList<>(totals.keySet())).isSorted().containsExactlyInAnyOrderElementsOf(model.keySet());
    Map<String, Money> seen = new HashMap<>();
    totals.forEach(seen::put);
    assertThat(seen).isEqualTo(model);
    for (String category : CATEGORIES) {
      assertThat(totals.get(category)).isEqualTo(model.get(category));
      assertThat(totals.containsKey(category)).isEqualTo(model.containsKey(category));
    }
    assertThat(((Map<?, ?>) totals).get(42)).isNull();
    assertThatThrownBy(() -> totals.get(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> totals.put("cables", Money.zero(INR))).isInstanceOf(UnsupportedOperationException.class);
    if (!totals.isEmpty()) {
      assertThatThrownBy(totals::clear).isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
