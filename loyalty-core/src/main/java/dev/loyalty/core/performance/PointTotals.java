package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Points counted in one period (or added by one contribution), per rule id and per campaign. A
 * campaign's award counts under its rule and under its campaign; an award without a campaign only
 * under its rule. Totals of zero are left out. Immutable; the maps are sorted by key.
 *
 * @param byRule     points per rule id (the rule's {@code @ruleId}, whatever its rule set's
 *                   version); never null
 * @param byCampaign points per campaign; never null
 */
public record PointTotals(Map<String, Long> byRule, Map<CampaignId, Long> byCampaign) {
  /** No points. */
  public static final PointTotals NONE = new PointTotals(Map.of(), Map.of());

  public PointTotals {
    // a running total's rule ids were checked when they were added to it
    boolean checked = byRule instanceof SortedTotals;
    byRule = withoutZeros(requireNonNull(byRule, "byRule"));
    byCampaign = withoutZeros(requireNonNull(byCampaign, "byCampaign"));
    if (!checked) {
      for (String rule : byRule.keySet()) {
        if (rule.isBlank()) {
          throw new IllegalArgumentException("a rule id must not be blank");
        }
      }
    }
  }

  private static <K extends Comparable<K>> Map<K, Long> withoutZeros(Map<K, Long> totals) {
    if (totals.isEmpty()) {
      return Map.of();
    }
    if (totals instanceof SortedTotals<K> running) {
      // immutable, in key order, without zeros: a running total's, kept as it is
      return running;
    }
    if (totals instanceof SortedMap<K, Long> sorted && sorted.comparator() == null && noZeros(sorted)) {
      // already in key order (a running total's map): copied into two arrays, no entry per key
      return SortedTotals.copyOf(sorted);
    }
    TreeMap<K, Long> copy = new TreeMap<>();
    totals.forEach((key, points) -> {
      if (requireNonNull(points, "points") != 0) {
        copy.put(requireNonNull(key, "key"), points);
      }
    });
    return Collections.unmodifiableMap(copy);
  }

  /** Whether no key or total is null and no total is zero: checked in one pass. */
  private static <K> boolean noZeros(Map<K, Long> totals) {
    for (Map.Entry<K, Long> e : totals.entrySet()) {
      requireNonNull(e.getKey(), "key");
      if (requireNonNull(e.getValue(), "points") == 0) {
        return false;
      }
    }
    return true;
  }

  /** The points of rule {@code ruleId}; 0 if none. */
  public long rule(String ruleId) {
    return byRule.getOrDefault(requireNonNull(ruleId, "ruleId"), 0L);
  }

  /** The points of campaign {@code campaign}; 0 if none. */
  public long campaign(CampaignId campaign) {
    return byCampaign.getOrDefault(requireNonNull(campaign, "campaign"), 0L);
  }

  /** Whether there are no points at all. */
  public boolean isEmpty() {
    return byRule.isEmpty() && byCampaign.isEmpty();
  }

  /**
   * These totals and {@code other}'s added up, key by key.
   *
   * @throws ArithmeticException if a total overflows a {@code long}
   */
  public PointTotals plus(PointTotals other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    return new PointTotals(sum(byRule, other.byRule), sum(byCampaign, other.byCampaign));
  }

  /** The same points taken away. */
  public PointTotals negated() {
    Map<String, Long> rules = new HashMap<>();
    byRule.forEach((rule, points) -> rules.put(rule, Math.negateExact(points)));
    Map<CampaignId, Long> campaigns = new HashMap<>();
    byCampaign.forEach((campaign, points) -> campaigns.put(campaign, Math.negateExact(points)));
    return new PointTotals(rules, campaigns);
  }

  private static <K> Map<K, Long> sum(Map<K, Long> a, Map<K, Long> b) {
    Map<K, Long> sum = new HashMap<>(a);
    b.forEach((key, points) -> sum.merge(key, points, Math::addExact));
    return sum;
  }
}
