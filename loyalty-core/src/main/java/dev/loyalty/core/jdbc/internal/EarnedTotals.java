package dev.loyalty.core.jdbc.internal;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.performance.PointTotals;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * A period's earned points as totals by key, the shape of {@code loyalty_points_period.totals}
 * (added in the database by {@code loyalty_add_amounts}, like a month's figures): {@code
 * rule:<rule id>} and {@code campaign:<campaign id>}. Keys this version does not know (written by a
 * later one) are ignored. Stateless.
 */
public final class EarnedTotals {
  static final String RULE = "rule:";
  static final String CAMPAIGN = "campaign:";

  private EarnedTotals() {
  }

  /** {@code totals} by key. */
  public static Map<String, BigDecimal> amounts(PointTotals totals) {
    Map<String, BigDecimal> amounts = new HashMap<>();
    totals.byRule().forEach((rule, points) -> amounts.put(RULE + rule, BigDecimal.valueOf(points)));
    totals.byCampaign().forEach((campaign, points) -> amounts.put(CAMPAIGN + campaign.value(),
        BigDecimal.valueOf(points)));
    return amounts;
  }

  /**
   * The totals that {@code amounts} hold.
   *
   * @throws ArithmeticException if a stored total is not a whole number that fits a {@code long}
   */
  public static PointTotals read(Map<String, BigDecimal> amounts) {
    Map<String, Long> byRule = new HashMap<>();
    Map<CampaignId, Long> byCampaign = new HashMap<>();
    amounts.forEach((key, amount) -> {
      if (key.startsWith(RULE)) {
        byRule.put(key.substring(RULE.length()), amount.longValueExact());
      } else if (key.startsWith(CAMPAIGN)) {
        byCampaign.put(CampaignId.of(key.substring(CAMPAIGN.length())), amount.longValueExact());
      }
    });
    return new PointTotals(byRule, byCampaign);
  }
}
