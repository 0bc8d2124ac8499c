package dev.loyalty.core.jdbc.internal;

import static dev.loyalty.core.jdbc.internal.Json.array;
import static dev.loyalty.core.jdbc.internal.Json.instant;
import static dev.loyalty.core.jdbc.internal.Json.list;
import static dev.loyalty.core.jdbc.internal.Json.number;
import static dev.loyalty.core.jdbc.internal.Json.object;
import static dev.loyalty.core.jdbc.internal.Json.optional;
import static dev.loyalty.core.jdbc.internal.Json.participant;
import static dev.loyalty.core.jdbc.internal.Json.put;
import static dev.loyalty.core.jdbc.internal.Json.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rewards.CatalogItem;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.CatalogLoader;
import dev.loyalty.core.rewards.CatalogVersion;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionAction;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRefusal;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rewards.Refund;
import dev.loyalty.core.rewards.Shipment;
import dev.loyalty.core.rewards.StatusChange;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Redemption} as the redemption store's JSON column holds it, and back: {@code
 * read(write(r))} equals {@code r}. Field names follow the record components; the item's terms are
 * the item's object of the catalog format ({@link CatalogLoader#itemToJson}), and the change pending
 * names its kind in {@code "action"} ({@code "place"}, {@code "ship"}, ...). A DBA can query it
 * ({@code redemption->'terms'->>'points'}, {@code redemption->'pending'->>'action'}). Stateless.
 */
public final class RedemptionJson {
  /** How many distinct terms are kept read. */
  private static final int TERMS = 256;
  /** Terms read before, by their JSON text; items are immutable. */
  private static final Map<String, CatalogItem> TERMS_READ = new ConcurrentHashMap<>();

  private RedemptionJson() {
  }

  /** {@code r} as JSON text. */
  public static String write(Redemption r) {
    RedemptionRequest request = r.request();
    ObjectNode json = object();
    json.set("request", object().put("id", request.id().value()).put("wallet", participant(request.wallet()))
        .put("redeemer", request.redeemer().value()).put("item", request.item().value())
        .put("units", request.units()));
    json.put("partner", r.partner().value()).put("version", r.version().value());
    json.set("terms", Json.parse(CatalogLoader.itemToJson(r.terms())));
    json.put("points", r.points()).put("requestedAt", r.requestedAt().toString())
        .put("holdTimeoutAt", r.holdTimeoutAt().toString()).put("status", r.status().name());
    json.set("history", array(r.history(), c -> object().put("status", c.status().name())
        .put("at", c.at().toString()).put("note", c.note())));
    r.hold().ifPresent(hold -> json.put("hold", hold.transaction().value()));
    r.payment().ifPresent(tx -> json.put("payment", tx.value()));
    json.set("refunds", array(r.refunds(), f -> object().put("kind", f.kind().name()).put("reference", f.reference())
        .put("units", f.units()).put("points", f.points()).put("transaction", f.transaction().value())));
    json.set("codes", array(r.codes(), TextNode::valueOf));
    put(json, "reference", r.reference());
    r.shipment().ifPresent(s -> json.set("shipment", shipment(s)));
    r.refusal().ifPresent(why -> json.set("refusal", refusal(why)));
    r.pending().ifPresent(action -> json.set("pending", action(action)));
    json.put("revision", r.revision());
    return Json.text(json);
  }

  /** The redemption {@link #write} wrote. */
  public static Redemption read(String text) {
    JsonNode json = Json.parse(text);
    JsonNode request = json.get("request");
    String redeemer = string(request, "redeemer");
    return new Redemption(new RedemptionRequest(RedemptionId.of(string(request, "id")),
        participant(string(request, "wallet")), MemberId.of(redeemer), CatalogItemId.of(string(request, "item")),
        Math.toIntExact(number(request, "units"))),
        PartnerId.of(string(json, "partner")), CatalogVersion.of(string(json, "version")),
        terms(Json.text(json.get("terms"))), number(json, "points"),
        instant(json, "requestedAt"), instant(json, "holdTimeoutAt"),
        RedemptionStatus.valueOf(string(json, "status")),
        list(json, "history", c -> new StatusChange(RedemptionStatus.valueOf(string(c, "status")), instant(c, "at"),
            string(c, "note"))),
        json.has("hold") ? Optional.of(HoldId.of(number(json, "hold"))) : Optional.empty(),
        json.has("payment") ? Optional.of(TransactionId.of(number(json, "payment"))) : Optional.empty(),
        list(json, "refunds", f -> new Refund(Refund.Kind.valueOf(string(f, "kind")), string(f, "reference"),
            Math.toIntExact(number(f, "units")), number(f, "points"), TransactionId.of(number(f, "transaction")))),
        list(json, "codes", Json::textValue), optional(json, "reference"),
        Optional.ofNullable(json.get("shipment")).map(RedemptionJson::shipment),
        Optional.ofNullable(json.get("refusal")).map(RedemptionJson::refusal),
        Optional.ofNullable(json.get("pending")).map(RedemptionJson::action),
        number(json, "revision"));
  }

  private static ObjectNode shipment(Shipment s) {
    return object().put("carrier", s.carrier()).put("tracking", s.tracking());
  }

  /**
   * The item {@code text} holds: read once per distinct text (at most {@value #TERMS} kept), since
   * a wallet's redemptions keep the terms of a few catalog versions over and over, and reading one
   * checks it field by field.
   */
  private static CatalogItem terms(String text) {
    CatalogItem known = TERMS_READ.get(text);
    if (known != null) {
      return known;
    }
    CatalogItem read = CatalogLoader.itemFromJson(text);
    if (TERMS_READ.size() >= TERMS) {
      TERMS_READ.clear();
    }
    TERMS_READ.put(text, read);
    return read;
  }

  private static Shipment shipment(JsonNode json) {
    return Shipment.of(string(json, "carrier"), string(json, "tracking"));
  }

  private static ObjectNode refusal(RedemptionRefusal why) {
    return object().put("code", why.code().name()).put("message", why.message());
  }

  private static RedemptionRefusal refusal(JsonNode json) {
    return new RedemptionRefusal(RedemptionRefusal.Code.valueOf(string(json, "code")), string(json, "message"));
  }

  private static ObjectNode action(RedemptionAction action) {
    ObjectNode json = object();
    if (action instanceof RedemptionAction.Place) {
      json.put("action", "place");
    } else if (action instanceof RedemptionAction.Abort abort) {
      json.put("action", "abort").set("refusal", refusal(abort.refusal()));
    } else if (action instanceof RedemptionAction.Fulfil fulfil) {
      json.put("action", "fulfil").put("reference", fulfil.reference());
    } else if (action instanceof RedemptionAction.Ship ship) {
      json.put("action", "ship").set("shipment", shipment(ship.shipment()));
    } else if (action instanceof RedemptionAction.Deliver) {
      json.put("action", "deliver");
    } else if (action instanceof RedemptionAction.Cancel cancel) {
      json.put("action", "cancel").put("reason", cancel.reason());
    } else if (action instanceof RedemptionAction.FailDelivery failed) {
      json.put("action", "fail-delivery").put("reason", failed.reason());
    } else if (action instanceof RedemptionAction.Return back) {
      json.put("action", "return").put("reference", back.reference()).put("units", back.units())
          .put("reason", back.reason()).put("number", back.number());
    } else if (action instanceof RedemptionAction.Expire) {
      json.put("action", "expire");
    } else {
      throw new IllegalArgumentException("no JSON form for redemption action " + action);
    }
    return json.put("at", action.at().toString());
  }

  private static RedemptionAction action(JsonNode json) {
    Instant at = instant(json, "at");
    String action = string(json, "action");
    return switch (action) {
      case "place" -> new RedemptionAction.Place(at);
      case "abort" -> new RedemptionAction.Abort(at, refusal(json.get("refusal")));
      case "fulfil" -> new RedemptionAction.Fulfil(at, string(json, "reference"));
      case "ship" -> new RedemptionAction.Ship(at, shipment(json.get("shipment")));
      case "deliver" -> new RedemptionAction.Deliver(at);
      case "cancel" -> new RedemptionAction.Cancel(at, string(json, "reason"));
      case "fail-delivery" -> new RedemptionAction.FailDelivery(at, string(json, "reason"));
      case "return" -> new RedemptionAction.Return(at, string(json, "reference"), Math.toIntExact(number(json,
          "units")), string(json, "reason"), Math.toIntExact(number(json, "number")));
      case "expire" -> new RedemptionAction.Expire(at);
      default -> throw new IllegalStateException("a stored redemption has an unknown change pending: " + action);
    };
  }
}
