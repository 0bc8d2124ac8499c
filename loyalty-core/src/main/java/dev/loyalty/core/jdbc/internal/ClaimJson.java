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
import com.fasterxml.jackson.databind.node.TextNode;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.ClaimTransition;
import dev.loyalty.core.claims.InvoiceMatch;
import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.Proof;
import dev.loyalty.core.claims.RecordCheck;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Claims and the manufacturer's invoice records as the JSON the claim stores keep ({@code jsonb}
 * columns): every part of a {@link Claim} (its submission with lines and proof, the records'
 * check, risk flags with their scores, every step of its history) and of an {@link InvoiceRecord},
 * reading back equal. Amounts are decimal strings, so no digit or scale is lost.
 */
public final class ClaimJson {

  private ClaimJson() {
  }

  /** {@code claim} as JSON text. */
  public static String write(Claim claim) {
    ObjectNode json = object().put("claimant", claim.claimant().value()).put("revision", claim.revision())
        .put("status", claim.status().name()).put("submittedAt", claim.submittedAt().toString())
        .put("deadline", claim.deadline().toString()).put("points", claim.points()).put("version", claim.version());
    json.set("submission", submission(claim.submission()));
    ObjectNode records = object().put("match", claim.records().match().name());
    records.set("differences", texts(claim.records().differences()));
    claim.records().amountRatio().ifPresent(ratio -> records.put("amountRatio", ratio.toPlainString()));
    json.set("records", records);
    json.set("riskFlags", array(claim.riskFlags(), ReceiptJson::flag));
    json.set("history", array(claim.history(), ClaimJson::transition));
    return Json.text(json);
  }

  /** The claim {@link #write} wrote. */
  public static Claim readClaim(String text) {
    JsonNode json = Json.parse(text);
    JsonNode records = json.get("records");
    return new Claim(submission(json.get("submission")), ActorId.of(string(json, "claimant")),
        Math.toIntExact(number(json, "revision")), ClaimStatus.valueOf(string(json, "status")),
        instant(json, "submittedAt"), instant(json, "deadline"),
        new RecordCheck(InvoiceMatch.valueOf(string(records, "match")), list(records, "differences", Json::textValue),
            Optional.ofNullable(records.get("amountRatio")).map(r -> new BigDecimal(r.asText()))),
        list(json, "riskFlags", ReceiptJson::flag), number(json, "points"),
        list(json, "history", ClaimJson::transition), number(json, "version"));
  }

  /** {@code record} as JSON text. */
  public static String write(InvoiceRecord record) {
    ObjectNode json = object().put("partner", record.partner().value()).put("invoiceNumber", record.invoiceNumber())
        .put("date", record.date().toString()).put("currency", record.currency().getCurrencyCode());
    json.set("lines", array(record.lines(), ClaimJson::line));
    json.set("serialNumbers", texts(record.serialNumbers().stream().sorted().toList()));
    return Json.text(json);
  }

  /** The record {@link #write(InvoiceRecord)} wrote. */
  public static InvoiceRecord readRecord(String text) {
    JsonNode json = Json.parse(text);
    return new InvoiceRecord(PartnerId.of(string(json, "partner")), string(json, "invoiceNumber"),
        LocalDate.parse(string(json, "date")), Currency.getInstance(string(json, "currency")),
        list(json, "lines", ClaimJson::line), new HashSet<>(list(json, "serialNumbers", Json::textValue)));
  }

  private static ObjectNode submission(ClaimSubmission s) {
    ObjectNode json = object().put("id", s.id().value()).put("partner", s.partner().value());
    put(json, "member", s.member().map(MemberId::value));
    json.put("invoiceNumber", s.invoiceNumber()).put("invoiceDate", s.invoiceDate().toString())
        .put("currency", s.currency().getCurrencyCode());
    json.set("lines", array(s.lines(), ClaimJson::line));
    json.set("proof", object().put("documentId", s.proof().documentId()).set("serialNumbers",
        texts(s.proof().serialNumbers())));
    return json;
  }

  private static ClaimSubmission submission(JsonNode json) {
    JsonNode proof = json.get("proof");
    return new ClaimSubmission(ClaimId.of(string(json, "id")), PartnerId.of(string(json, "partner")),
        optional(json, "member").map(MemberId::of), string(json, "invoiceNumber"),
        LocalDate.parse(string(json, "invoiceDate")), Currency.getInstance(string(json, "currency")),
        list(json, "lines", ClaimJson::line), new Proof(string(proof, "documentId"),
            list(proof, "serialNumbers", Json::textValue)));
  }

  private static JsonNode line(InvoiceLine line) {
    return object().put("sku", line.sku()).put("category", line.category()).put("quantity", line.quantity())
        .put("unitPrice", line.unitPrice().toString()).put("amount", line.amount().toString());
  }

  private static InvoiceLine line(JsonNode json) {
    return new InvoiceLine(string(json, "sku"), string(json, "category"), number(json, "quantity"),
        new BigDecimal(string(json, "unitPrice")), new BigDecimal(string(json, "amount")));
  }

  private static JsonNode transition(ClaimTransition t) {
    ObjectNode json = object();
    put(json, "from", t.from().map(ClaimStatus::name));
    return json.put("to", t.to().name()).put("at", t.at().toString()).put("actor", t.actor().value())
        .put("reason", t.reason());
  }

  private static ClaimTransition transition(JsonNode json) {
    return new ClaimTransition(optional(json, "from").map(ClaimStatus::valueOf), ClaimStatus.valueOf(string(json,
        "to")), instant(json, "at"), ActorId.of(string(json, "actor")), string(json, "reason"));
  }

  private static JsonNode texts(List<String> values) {
    return array(values, TextNode::valueOf);
  }
}
