package dev.loyalty.core.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.performance.PointTotals;
import java.util.HashMap;
import java.util.Map;

/**
 * Earned points as the performance store keeps them per period ({@code loyalty_points_earned.totals}):
 * {@code {"rule": {"<rule id>": points}, "campaign": {"<campaign id>": points}}}, reading back equal.
 */
public final class PointsJson {

  private PointsJson() {
  }

  /** {@code totals} as JSON text. */
  public static String write(PointTotals totals) {
    ObjectNode rules = Json.object();
    totals.byRule().forEach(rules::put);
    ObjectNode campaigns = Json.object();
    totals.byCampaign().forEach((campaign, points) -> campaigns.put(campaign.value(), points));
    ObjectNode json = Json.object();
    json.set("rule", rules);
    json.set("campaign", campaigns);
    return Json.text(json);
  }

  /** The totals {@link #write} wrote. */
  public static PointTotals read(String text) {
    JsonNode json = Json.parse(text);
    Map<String, Long> rules = new HashMap<>();
    json.get("rule").fields().forEachRemaining(e -> rules.put(e.getKey(), Json.number(json.get("rule"), e.getKey())));
    Map<CampaignId, Long> campaigns = new HashMap<>();
    json.get("campaign").fields().forEachRemaining(e -> campaigns.put(CampaignId.of(e.getKey()),
        Json.number(json.get("campaign"), e.getKey())));
    return new PointTotals(rules, campaigns);
  }
}
