package dev.loyalty.core.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.CampaignId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link PointTotals} built from a running total's sorted map (kept in arrays) and from any other
 * map (kept in a sorted copy) are the same totals: equal, same hash, same order, same lookups,
 * equally immutable, and zeros are left out either way.
 */
class PointTotalsTest {

  private static final Map<String, Long> RULES = Map.of("earn-rate", 300L, "bonus", 50L, "mix", -20L, "split", 7L);

  @Test
  void totalsFromASortedMapEqualTotalsFromAnyMap() {
    PointTotals fromSorted = new PointTotals(new TreeMap<>(RULES), new TreeMap<>(Map.of(CampaignId.of("monsoon"), 9L)));
    PointTotals fromHash = new PointTotals(new HashMap<>(RULES), Map.of(CampaignId.of("monsoon"), 9L));

    assertThat(fromSorted).isEqualTo(fromHash).hasSameHashCodeAs(fromHash);
    assertThat(fromSorted.byRule()).isEqualTo(RULES).hasSameHashCodeAs(new HashMap<>(RULES));
    assertThat(List.copyOf(fromSorted.byRule().keySet())).containsExactly("bonus", "earn-rate", "mix", "split");
    assertThat(fromSorted.byRule().toString()).isEqualTo(fromHash.byRule().toString());
    assertThat(fromSorted.rule("mix")).isEqualTo(-20);
    assertThat(fromSorted.rule("none")).isZero();
    assertThat(fromSorted.campaign(CampaignId.of("monsoon"))).isEqualTo(9);
    assertThat(fromSorted.campaign(CampaignId.of("winter"))).isZero();
    // a key of another type is simply absent
    assertThat(((Map<?, ?>) fromSorted.byRule()).get(CampaignId.of("monsoon"))).isNull();
    assertThat(((Map<?, ?>) fromSorted.byRule()).containsKey(42)).isFalse();
  }

  @Test
  void totalsFromASortedMapAreACopyAndCannotBeChanged() {
    TreeMap<String, Long> running = new TreeMap<>(RULES);
    PointTotals totals = new PointTotals(running, new TreeMap<>());
    running.put("earn-rate", 1L);

    assertThat(totals.rule("earn-rate")).isEqualTo(300);
    assertThatThrownBy(() -> totals.byRule().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> totals.byRule().remove("bonus")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> totals.byRule().entrySet().iterator().remove())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> totals.byRule().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(totals.byRule()).hasSize(4);
  }

  @Test
  void zerosAreLeftOutWhateverTheMap() {
    TreeMap<String, Long> withZero = new TreeMap<>(RULES);
    withZero.put("gone", 0L);

    assertThat(new PointTotals(withZero, Map.of()).byRule()).isEqualTo(RULES);
    assertThat(new PointTotals(new TreeMap<>(), new TreeMap<>())).isEqualTo(PointTotals.NONE);
    assertThat(new PointTotals(new TreeMap<>(), new TreeMap<>()).isEmpty()).isTrue();
  }
}
