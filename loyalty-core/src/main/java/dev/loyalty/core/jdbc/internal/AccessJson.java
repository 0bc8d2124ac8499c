package dev.loyalty.core.jdbc.internal;

import static dev.loyalty.core.jdbc.internal.Json.array;
import static dev.loyalty.core.jdbc.internal.Json.instant;
import static dev.loyalty.core.jdbc.internal.Json.list;
import static dev.loyalty.core.jdbc.internal.Json.number;
import static dev.loyalty.core.jdbc.internal.Json.object;
import static dev.loyalty.core.jdbc.internal.Json.optional;
import static dev.loyalty.core.jdbc.internal.Json.put;
import static dev.loyalty.core.jdbc.internal.Json.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.access.ApprovalRequest;
import dev.loyalty.core.access.ApprovalRule;
import dev.loyalty.core.access.AuditOutcome;
import dev.loyalty.core.access.AuditRecord;
import dev.loyalty.core.access.Check;
import dev.loyalty.core.access.PartnerTraits;
import dev.loyalty.core.access.Permission;
import dev.loyalty.core.access.Target;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Audit records and approval requests as the JSON the access stores keep ({@code jsonb} columns):
 * every part reads back equal (an audit record's hash is computed again from what is read, so a
 * lost field would show as tampering).
 */
public final class AccessJson {

  private AccessJson() {
  }

  /** {@code record} as JSON text. */
  public static String write(AuditRecord record) {
    ObjectNode json = object().put("actor", record.actor().value()).put("action", record.action())
        .put("outcome", record.outcome().name());
    json.set("target", target(record.target()));
    put(json, "code", record.code());
    json.put("reason", record.reason());
    json.set("before", details(record.before()));
    json.set("after", details(record.after()));
    return Json.text(json);
  }

  /** The audit record {@link #write(AuditRecord)} wrote. */
  public static AuditRecord readRecord(String text) {
    JsonNode json = Json.parse(text);
    return new AuditRecord(ActorId.of(string(json, "actor")), string(json, "action"), target(json.get("target")),
        AuditOutcome.valueOf(string(json, "outcome")), optional(json, "code"), string(json, "reason"),
        details(json.get("before")), details(json.get("after")));
  }

  /** {@code request} as JSON text. */
  public static String write(ApprovalRequest request) {
    ApprovalRule rule = request.rule();
    ObjectNode ruleJson = object().put("name", rule.name()).put("checker", rule.checker().name());
    put(ruleJson, "maker", rule.maker().map(Permission::name));
    rule.secondCheckerAbove().ifPresent(points -> ruleJson.put("secondCheckerAbove", points));
    ObjectNode json = object().put("id", request.id().value()).put("maker", request.maker().value());
    json.set("rule", ruleJson);
    json.set("target", target(request.target()));
    request.points().ifPresent(points -> json.put("points", points));
    json.put("reason", request.reason()).put("submittedAt", request.submittedAt().toString())
        .put("version", request.version());
    json.set("details", details(request.details()));
    json.set("approvals", array(request.approvals(), AccessJson::check));
    request.rejection().ifPresent(r -> json.set("rejection", check(r)));
    return Json.text(json);
  }

  /** The approval request {@link #write(ApprovalRequest)} wrote. */
  public static ApprovalRequest readRequest(String text) {
    JsonNode json = Json.parse(text);
    JsonNode rule = json.get("rule");
    return new ApprovalRequest(ApprovalId.of(string(json, "id")), new ApprovalRule(string(rule, "name"),
        optional(rule, "maker").map(Permission::valueOf), Permission.valueOf(string(rule, "checker")),
        optionalLong(rule, "secondCheckerAbove")), ActorId.of(string(json, "maker")), target(json.get("target")),
        optionalLong(json, "points"), string(json, "reason"), details(json.get("details")),
        instant(json, "submittedAt"), list(json, "approvals", AccessJson::check),
        json.has("rejection") ? Optional.of(check(json.get("rejection"))) : Optional.empty(),
        number(json, "version"));
  }

  private static OptionalLong optionalLong(JsonNode json, String field) {
    return json.has(field) ? OptionalLong.of(number(json, field)) : OptionalLong.empty();
  }

  private static ObjectNode target(Target target) {
    ObjectNode json = object().put("kind", target.kind()).put("id", target.id());
    target.partner().ifPresent(p -> json.set("partner", object().put("partner", p.partner().value())
        .put("type", p.type().name()).put("region", p.region()).put("country", p.country())));
    return json;
  }

  private static Target target(JsonNode json) {
    JsonNode p = json.get("partner");
    return new Target(string(json, "kind"), string(json, "id"), p == null ? Optional.empty()
        : Optional.of(new PartnerTraits(PartnerId.of(string(p, "partner")), PartnerType.of(string(p, "type")),
            string(p, "region"), string(p, "country"))));
  }

  private static ObjectNode details(Map<String, String> details) {
    ObjectNode json = object();
    details.forEach(json::put);
    return json;
  }

  private static Map<String, String> details(JsonNode json) {
    Map<String, String> details = new LinkedHashMap<>();
    json.fields().forEachRemaining(e -> details.put(e.getKey(), e.getValue().textValue()));
    return details;
  }

  private static JsonNode check(Check check) {
    return object().put("checker", check.checker().value()).put("at", check.at().toString())
        .put("reason", check.reason());
  }

  private static Check check(JsonNode json) {
    return new Check(ActorId.of(string(json, "checker")), instant(json, "at"), string(json, "reason"));
  }
}
