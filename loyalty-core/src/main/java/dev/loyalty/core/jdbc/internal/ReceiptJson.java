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
import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.ReviewHold;
import dev.loyalty.core.TierChange;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.rules.Badge;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.TierQualification;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Receipt} as the journal's JSON column holds it, and back: {@code read(write(r))} equals
 * {@code r}. Field names follow the record components; a DBA can query them
 * ({@code receipt->>'status'}, {@code receipt->'awards'}). Stateless.
 */
public final class ReceiptJson {
  private ReceiptJson() {
  }

  /** {@code receipt} as JSON text. */
  public static String write(Receipt receipt) {
    ObjectNode json = object();
    json.put("activity", receipt.activity().value());
    json.put("status", receipt.status().name());
    json.put("recordedAt", receipt.recordedAt().toString());
    json.set("awards", array(receipt.awards(), ReceiptJson::award));
    json.set("returns", array(receipt.returns(), r -> object().put("award", r.award())
        .put("beneficiary", participant(r.beneficiary())).put("points", r.points())));
    ObjectNode shortfalls = object();
    receipt.shortfalls().forEach((p, points) -> shortfalls.put(participant(p), points));
    json.set("shortfalls", shortfalls);
    json.set("decisions", array(receipt.decisions(), d -> object().<ObjectNode>set("rule", rule(d.rule()))
        .put("fired", d.fired()).put("explanation", d.explanation())));
    json.set("badges", array(receipt.badges(), b -> object().put("participant", participant(b.participant()))
        .put("badge", b.badge()).<ObjectNode>set("rule", rule(b.rule())).put("reason", b.reason())));
    json.set("riskFlags", array(receipt.riskFlags(), ReceiptJson::flag));
    json.set("qualifications", array(receipt.qualifications(), q -> object()
        .put("participant", participant(q.participant())).put("tier", q.tier().value())
        .<ObjectNode>set("rule", rule(q.rule())).put("reason", q.reason())));
    json.set("tierChanges", array(receipt.tierChanges(), c -> {
      ObjectNode change = object().put("participant", participant(c.participant())).put("reason", c.reason());
      put(change, "from", c.from().map(TierId::value));
      put(change, "to", c.to().map(TierId::value));
      return change;
    }));
    receipt.transaction().ifPresent(tx -> json.put("transaction", tx.value()));
    json.set("holds", array(receipt.holds(), h -> {
      ObjectNode hold = object().put("hold", h.hold().transaction().value()).put("from", h.from().value())
          .put("to", h.to().value()).put("points", h.points()).put("state", h.state().name());
      h.resolvedBy().ifPresent(tx -> hold.put("resolvedBy", tx.value()));
      return hold;
    }));
    put(json, "refusal", receipt.refusal());
    return Json.text(json);
  }

  /**
   * The receipt {@link #write} wrote.
   *
   * @throws IllegalStateException if {@code text} is not one
   */
  public static Receipt read(String text) {
    JsonNode json = Json.parse(text);
    Map<ParticipantId, Long> shortfalls = new LinkedHashMap<>();
    json.path("shortfalls").fields().forEachRemaining(e -> shortfalls.put(participant(e.getKey()),
        e.getValue().longValue()));
    return new Receipt(ActivityId.of(string(json, "activity")), Receipt.Status.valueOf(string(json, "status")),
        instant(json, "recordedAt"), list(json, "awards", ReceiptJson::award),
        list(json, "returns", r -> new AwardReturn((int) number(r, "award"), participant(string(r, "beneficiary")),
            number(r, "points"))),
        shortfalls,
        list(json, "decisions", d -> new RuleDecision(rule(d.get("rule")), Json.bool(d, "fired"),
            string(d, "explanation"))),
        list(json, "badges", b -> new Badge(participant(string(b, "participant")), string(b, "badge"),
            rule(b.get("rule")), string(b, "reason"))),
        list(json, "riskFlags", ReceiptJson::flag),
        list(json, "qualifications", q -> new TierQualification(participant(string(q, "participant")),
            TierId.of(string(q, "tier")), rule(q.get("rule")), string(q, "reason"))),
        list(json, "tierChanges", c -> new TierChange(participant(string(c, "participant")),
            optional(c, "from").map(TierId::of), optional(c, "to").map(TierId::of), string(c, "reason"))),
        json.has("transaction") ? Optional.of(TransactionId.of(number(json, "transaction"))) : Optional.empty(),
        list(json, "holds", h -> new ReviewHold(HoldId.of(number(h, "hold")), AccountId.of(string(h, "from")),
            AccountId.of(string(h, "to")), number(h, "points"), ReviewHold.State.valueOf(string(h, "state")),
            h.has("resolvedBy") ? Optional.of(TransactionId.of(number(h, "resolvedBy"))) : Optional.empty())),
        optional(json, "refusal"));
  }

  private static JsonNode award(PostedAward a) {
    ObjectNode award = object().put("beneficiary", participant(a.beneficiary())).put("requested", a.requested())
        .put("points", a.points()).<ObjectNode>set("rule", rule(a.rule())).put("reason", a.reason());
    put(award, "campaign", a.campaign().map(CampaignId::value));
    put(award, "expiresAt", a.expiresAt());
    put(award, "budgetNote", a.budgetNote());
    return award;
  }

  private static PostedAward award(JsonNode a) {
    return new PostedAward(participant(string(a, "beneficiary")), number(a, "requested"), number(a, "points"),
        rule(a.get("rule")), string(a, "reason"), optional(a, "campaign").map(CampaignId::of),
        optional(a, "expiresAt").map(Instant::parse), optional(a, "budgetNote"));
  }

  /** A risk flag (also an event's). */
  static JsonNode flag(RiskFlag f) {
    return object().put("severity", f.severity().name()).put("code", f.code()).<ObjectNode>set("rule", rule(f.rule()))
        .put("reason", f.reason()).put("score", f.score());
  }

  /** A risk flag as {@link #flag(RiskFlag)} wrote it; one written before flags had scores scores 0. */
  static RiskFlag flag(JsonNode f) {
    return new RiskFlag(RiskFlag.Severity.valueOf(string(f, "severity")), string(f, "code"), rule(f.get("rule")),
        string(f, "reason"), f.has("score") ? Math.toIntExact(number(f, "score")) : 0);
  }
}
