package dev.loyalty.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.AttributeValue;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.CustomActivity;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.ReportSubmission;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.SellThroughLine;
import dev.loyalty.core.activity.SellThroughReport;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.json.internal.JsonTreeReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an activity in the order docs/FORMATS.md lists its fields, so that the same activity
 * always gives the same text (diffable files, stable hashes). Stateless and thread-safe.
 */
final class ActivityWriter {
  private ActivityWriter() {
  }

  static String write(Activity activity) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JsonTreeReader.MAPPER.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("type", activity.kind());
      json.writeStringField("id", activity.id().value());
      json.writeStringField("partner", activity.partner().value());
      if (activity.member().isPresent()) {
        json.writeStringField("member", activity.member().get().value());
      }
      // Instant.toString is UTC with as many fraction digits as needed, which reads back to the same Instant.
      json.writeStringField("occurredAt", activity.occurredAt().toString());
      body(activity, json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a StringWriter failed, which it cannot", e);
    }
    return out.toString();
  }

  private static void body(Activity activity, JsonGenerator json) throws IOException {
    if (activity instanceof Sale sale) {
      json.writeStringField("currency", sale.currency().getCurrencyCode());
      json.writeArrayFieldStart("lines");
      for (InvoiceLine line : sale.lines()) {
        json.writeStartObject();
        json.writeStringField("sku", line.sku());
        json.writeStringField("category", line.category());
        json.writeNumberField("quantity", line.quantity());
        writeDecimal(json, "unitPrice", line.unitPrice());
        writeDecimal(json, "amount", line.amount());
        json.writeEndObject();
      }
      json.writeEndArray();
    } else if (activity instanceof SaleReturn saleReturn) {
      json.writeStringField("invoice", saleReturn.invoice().value());
      json.writeArrayFieldStart("lines");
      for (ReturnLine line : saleReturn.lines()) {
        json.writeStartObject();
        json.writeStringField("sku", line.sku());
        json.writeNumberField("quantity", line.quantity());
        json.writeEndObject();
      }
      json.writeEndArray();
    } else if (activity instanceof TrainingCompleted training) {
      json.writeStringField("course", training.course());
    } else if (activity instanceof CertificationEarned certification) {
      json.writeStringField("certification", certification.certification());
      if (certification.validUntil().isPresent()) {
        json.writeStringField("validUntil", certification.validUntil().get().toString());
      }
    } else if (activity instanceof Referral referral) {
      json.writeStringField("referred", referral.referred().value());
    } else if (activity instanceof SellThroughReport report) {
      json.writeStringField("period", report.period().toString());
      json.writeStringField("dueOn", report.dueOn().toString());
      json.writeArrayFieldStart("lines");
      for (SellThroughLine line : report.lines()) {
        json.writeStartObject();
        json.writeStringField("sku", line.sku());
        json.writeStringField("category", line.category());
        json.writeNumberField("quantity", line.quantity());
        json.writeEndObject();
      }
      json.writeEndArray();
    } else if (activity instanceof ReportSubmission report) {
      json.writeStringField("report", report.report());
      json.writeStringField("dueOn", report.dueOn().toString());
    } else if (activity instanceof CustomActivity custom) {
      json.writeStringField("customType", custom.type());
      json.writeObjectFieldStart("attributes");
      // Map.copyOf has no stable order; sorted names keep the output the same from run to run.
      for (Map.Entry<String, AttributeValue> attribute : new TreeMap<>(custom.attributes()).entrySet()) {
        json.writeFieldName(attribute.getKey());
        writeAttribute(json, attribute.getValue());
      }
      json.writeEndObject();
    } else {
      throw new IllegalStateException("no JSON form for activity kind '" + activity.kind() + "'");
    }
  }

  /**
   * Money as a string: other tools in the feed often read JSON numbers as doubles and would turn
   * 0.1 into 0.1000000000000000055. toString (not toPlainString) keeps the scale, so
   * {@code 1.2E+3} reads back equal to itself, and stays short for any scale.
   */
  private static void writeDecimal(JsonGenerator json, String name, BigDecimal value) throws IOException {
    json.writeStringField(name, value.toString());
  }

  private static void writeAttribute(JsonGenerator json, AttributeValue value) throws IOException {
    if (value instanceof AttributeValue.Text text) {
      json.writeString(text.value());
    } else if (value instanceof AttributeValue.Number number) {
      // A number attribute must stay a JSON number: a string would read back as text.
      json.writeNumber(number.value());
    } else if (value instanceof AttributeValue.Flag flag) {
      json.writeBoolean(flag.value());
    } else if (value instanceof AttributeValue.Date date) {
      json.writeStartObject();
      json.writeStringField("date", date.value().toString());
      json.writeEndObject();
    } else {
      throw new IllegalStateException("no JSON form for attribute " + value);
    }
  }
}
