package dev.loyalty.core.jdbc.internal;

import static dev.loyalty.core.jdbc.internal.Json.array;
import static dev.loyalty.core.jdbc.internal.Json.instant;
import static dev.loyalty.core.jdbc.internal.Json.list;
import static dev.loyalty.core.jdbc.internal.Json.number;
import static dev.loyalty.core.jdbc.internal.Json.object;
import static dev.loyalty.core.jdbc.internal.Json.optional;
import static dev.loyalty.core.jdbc.internal.Json.participant;
import static dev.loyalty.core.jdbc.internal.Json.put;
import static dev.loyalty.core.jdbc.internal.Json.rule;
import static dev.loyalty.core.jdbc.internal.Json.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.ledger.TransactionId;

/**
 * A {@link LoyaltyEvent} as the outbox's JSON column holds it, and back: {@code read(write(e))}
 * equals {@code e}. The type is the record's simple name ({@code AwardPosted}, ...), also kept in
 * its own column for a DBA's queries. Stateless.
 */
public final class EventJson {
  private EventJson() {
  }

  /** The type stored with {@code event}. */
  public static String type(LoyaltyEvent event) {
    return event.getClass().getSimpleName();
  }

  /** {@code event} as JSON text. */
  public static String write(LoyaltyEvent event) {
    ObjectNode json = object().put("type", type(event)).put("id", event.id()).put("at", event.at().toString());
    if (event instanceof LoyaltyEvent.AwardPosted e) {
      json.put("activity", e.activity().value()).put("participant", participant(e.participant()))
          .put("points", e.points()).put("transaction", e.transaction().value());
    } else if (event instanceof LoyaltyEvent.AwardTakenBack e) {
      json.put("activity", e.activity().value()).put("participant", participant(e.participant()))
          .put("points", e.points()).put("shortfall", e.shortfall()).put("transaction", e.transaction().value());
    } else if (event instanceof LoyaltyEvent.TierChanged e) {
      json.put("participant", participant(e.participant())).put("reason", e.reason());
      put(json, "from", e.from().map(TierId::value));
      put(json, "to", e.to().map(TierId::value));
    } else if (event instanceof LoyaltyEvent.PointsExpiringSoon e) {
      json.put("participant", participant(e.participant())).put("points", e.points()).put("by", e.by().toString());
    } else if (event instanceof LoyaltyEvent.ClaimNeedsReview e) {
      json.put("activity", e.activity().value()).put("partner", e.partner().value());
      json.set("flags", array(e.flags(), ReceiptJson::flag));
    } else if (event instanceof LoyaltyEvent.PeriodClosed e) {
      json.put("expiredPoints", e.expiredPoints()).put("tierChanges", e.tierChanges()).put("nowShort", e.nowShort());
    } else if (event instanceof LoyaltyEvent.RedemptionChanged e) {
      json.put("redemption", e.redemption().value()).put("wallet", participant(e.wallet()))
          .put("item", e.item().value()).put("status", e.status().name()).put("points", e.points())
          .put("note", e.note());
    } else if (event instanceof LoyaltyEvent.RedemptionRefunded e) {
      json.put("redemption", e.redemption().value()).put("wallet", participant(e.wallet())).put("units", e.units())
          .put("points", e.points()).put("transaction", e.transaction().value());
    } else if (event instanceof LoyaltyEvent.BadgeAwarded e) {
      put(json, "activity", e.activity().map(ActivityId::value));
      put(json, "redemption", e.redemption().map(RedemptionId::value));
      json.put("participant", participant(e.participant())).put("badge", e.badge()).put("reason", e.reason())
          .set("rule", rule(e.rule()));
    } else {
      throw new IllegalArgumentException("the outbox has no JSON form for events of type " + type(event));
    }
    return Json.text(json);
  }

  /**
   * The event {@link #write} wrote.
   *
   * @throws IllegalStateException if {@code text} is not one
   */
  public static LoyaltyEvent read(String text) {
    JsonNode json = Json.parse(text);
    String id = string(json, "id");
    return switch (string(json, "type")) {
      case "AwardPosted" -> new LoyaltyEvent.AwardPosted(id, instant(json, "at"),
          ActivityId.of(string(json, "activity")), participant(string(json, "participant")), number(json, "points"),
          TransactionId.of(number(json, "transaction")));
      case "AwardTakenBack" -> new LoyaltyEvent.AwardTakenBack(id, instant(json, "at"),
          ActivityId.of(string(json, "activity")), participant(string(json, "participant")), number(json, "points"),
          number(json, "shortfall"), TransactionId.of(number(json, "transaction")));
      case "TierChanged" -> new LoyaltyEvent.TierChanged(id, instant(json, "at"),
          participant(string(json, "participant")), optional(json, "from").map(TierId::of),
          optional(json, "to").map(TierId::of), string(json, "reason"));
      case "PointsExpiringSoon" -> new LoyaltyEvent.PointsExpiringSoon(id, instant(json, "at"),
          participant(string(json, "participant")), number(json, "points"), instant(json, "by"));
      case "ClaimNeedsReview" -> new LoyaltyEvent.ClaimNeedsReview(id, instant(json, "at"),
          ActivityId.of(string(json, "activity")), PartnerId.of(string(json, "partner")),
          list(json, "flags", ReceiptJson::flag));
      case "PeriodClosed" -> new LoyaltyEvent.PeriodClosed(id, instant(json, "at"), number(json, "expiredPoints"),
          (int) number(json, "tierChanges"), (int) number(json, "nowShort"));
      case "RedemptionChanged" -> new LoyaltyEvent.RedemptionChanged(id, instant(json, "at"),
          RedemptionId.of(string(json, "redemption")), participant(string(json, "wallet")),
          CatalogItemId.of(string(json, "item")), RedemptionStatus.valueOf(string(json, "status")),
          number(json, "points"), string(json, "note"));
      case "RedemptionRefunded" -> new LoyaltyEvent.RedemptionRefunded(id, instant(json, "at"),
          RedemptionId.of(string(json, "redemption")), participant(string(json, "wallet")),
          (int) number(json, "units"), number(json, "points"), TransactionId.of(number(json, "transaction")));
      case "BadgeAwarded" -> new LoyaltyEvent.BadgeAwarded(id, instant(json, "at"),
          optional(json, "activity").map(ActivityId::of), optional(json, "redemption").map(RedemptionId::of),
          participant(string(json, "participant")), string(json, "badge"), rule(json.get("rule")),
          string(json, "reason"));
      default -> throw new IllegalStateException("a stored event has an unknown type: " + text);
    };
  }
}
