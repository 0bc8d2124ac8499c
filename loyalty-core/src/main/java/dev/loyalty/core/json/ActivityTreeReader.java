package dev.loyalty.core.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.loyalty.core.InputProblem;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
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
import dev.loyalty.core.json.internal.DateProblems;
import dev.loyalty.core.json.internal.Dialect;
import dev.loyalty.core.json.internal.JsonPaths;
import dev.loyalty.core.json.internal.JsonTreeReader;
import dev.loyalty.core.json.internal.JsonTreeReader.Fields;
import dev.loyalty.core.json.internal.Suggestions;
import dev.loyalty.core.json.internal.ValueReader;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns JSON text or a Jackson tree into an activity, collecting every problem on the way instead
 * of stopping at the first. Stateless and thread-safe: each call walks with its own {@link Walk}.
 *
 * <p>The split of work with the activity records: this class owns what only JSON has (types,
 * required and unknown fields, the syntax of dates, instants and currencies) and the per-field
 * rules whose problem belongs to one field (a quantity must be positive), so that several
 * problems of one line are reported together with exact paths. Everything else (id lengths,
 * duplicate SKUs, self-referrals, ...) is left to the records' own validation, whose
 * {@link IllegalArgumentException} becomes a problem at the path it concerns. The walking itself
 * is {@link JsonTreeReader}'s, shared with the program reader.
 */
final class ActivityTreeReader {

  /** Reads one element of an array in place, leaving the parser on the element's last token. */
  static final ObjectReader ELEMENT_READER = JsonTreeReader.MAPPER.reader()
      .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * The most digits a decimal may have before and after the point. Far beyond any price, but it
   * stops {@code "1E-999999999"} from becoming a billion-character string in a statement.
   */
  static final int MAX_DECIMAL_DIGITS = 100;

  /** How docs/FORMATS.md words the problems of an activity. */
  static final Dialect DIALECT = new Dialect(
      JsonPaths.PLAIN,
      Dialect.TypeMismatch.MUST_BE,
      "is required",
      true, // null is "not given": producers often write null for an empty optional
      "a decimal number (a JSON number or a string such as \"12.50\")",
      OptionalInt.of(MAX_DECIMAL_DIGITS),
      "unknown currency '%s'; expected an ISO 4217 code such as INR or EUR",
      false, // a currency code is three upper-case letters
      false); // Jackson's description of malformed JSON as it is

  static final List<String> TYPES = List.of("sale", "return", "training", "certification", "referral",
      "sell-through", "report", "custom");

  private static final List<String> HEADER = List.of("type", "id", "partner", "member", "occurredAt");
  private static final List<String> SALE_LINE = List.of("sku", "category", "quantity", "unitPrice", "amount");
  private static final List<String> RETURN_LINE = List.of("sku", "quantity");
  private static final List<String> SELL_THROUGH_LINE = List.of("sku", "category", "quantity");
  private static final List<String> DATE_ATTRIBUTE = List.of("date");

  /**
   * A valid header for checking one field with its record before the real header is known: the
   * record's rule then runs (and its problem is reported) even when the id or partner is wrong.
   * Used only for rules whose message does not name the header.
   */
  private static final ActivityHeader PROBE = ActivityHeader.of("probe", "probe", Instant.EPOCH);

  private ActivityTreeReader() {
  }

  /**
   * What reading one activity gave.
   *
   * @param activity the activity if there were no problems
   * @param problems the problems, if any
   * @param subject  how to name the activity in a message: its id if that could be read
   */
  record Outcome(Optional<Activity> activity, List<InputProblem> problems, String subject) {
    Outcome {
      requireNonNull(activity, "activity");
      problems = List.copyOf(problems);
      requireNonNull(subject, "subject");
    }

    ParsedLine toParsedLine(int lineNumber) {
      return activity.map(a -> ParsedLine.valid(lineNumber, a))
          .orElseGet(() -> ParsedLine.invalid(lineNumber, problems));
    }

    Activity orElseThrow() {
      return activity.orElseThrow(() -> new ActivityFormatException(subject, problems));
    }
  }

  /**
   * Reads the JSON text of one activity.
   *
   * @param firstLine the line of the surrounding input the text starts on, so that a syntax error
   *                  in line 7 of a JSON Lines file says "line 7"
   */
  static Outcome parse(String json, int firstLine) {
    requireNonNull(json, "json");
    JsonNode tree;
    try {
      tree = JsonTreeReader.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return new Outcome(Optional.empty(), List.of(DIALECT.malformed(e, firstLine)), "invalid activity");
    }
    if (tree.isMissingNode()) {
      return new Outcome(Optional.empty(),
          List.of(new InputProblem(JsonPaths.ROOT, "no JSON found; expected an object holding one activity")),
          "invalid activity");
    }
    return read(tree, JsonPaths.ROOT);
  }

  /**
   * What is wrong with an instant's text: a day or time that does not exist, a date or a local time
   * without an offset (said as such, since those are the usual mistakes of an export), or the shape.
   */
  private static String instantProblem(String text, DateTimeException e) {
    Optional<String> impossible = DateProblems.reason(e);
    if (impossible.isPresent()) {
      return "'" + text + "' is not a real date and time: " + impossible.get();
    }
    if (parses(text, LocalDate::parse)) {
      return "'" + text + "' is a date with no time or offset; expected an instant with an offset, such as "
          + text + "T00:00:00+05:30 or " + text + "T00:00:00Z";
    }
    if (parses(text, LocalDateTime::parse)) {
      return "'" + text + "' has no offset, and a time without one is refused rather than guessed; expected one "
          + "such as " + text + "+05:30 or " + text + "Z";
    }
    return "'" + text + "' is not an instant with an offset, such as 2026-07-14T10:15:00+05:30 or 2026-07-14T04:45:00Z";
  }

  private static boolean parses(String text, Function<String, ?> parse) {
    try {
      parse.apply(text);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** Reads one activity from a parsed tree; {@code path} is where the tree sits ("$", "$[3]"). */
  static Outcome read(JsonNode node, String path) {
    Walk walk = new Walk();
    Optional<Activity> activity = walk.activity(node, path);
    if (walk.json.problemCount() > 0) {
      return new Outcome(Optional.empty(), walk.json.problems(), walk.subject());
    }
    return new Outcome(Optional.of(activity.orElseThrow()), List.of(), walk.subject());
  }

  /** The state of reading one activity: the problems so far, and the id once known. */
  private static final class Walk {
    final JsonTreeReader json = new JsonTreeReader(DIALECT);
    Optional<String> idText = Optional.empty();
    /** The header's parts that could be read, for a stand-in header when the header itself could not. */
    Optional<ActivityId> id = Optional.empty();
    Optional<PartnerId> partner = Optional.empty();

    // OffsetDateTime, not Instant.parse: a local time without an offset must be refused, not guessed.
    final ValueReader<Instant> instant = json.parsed(json::nonBlank, text -> OffsetDateTime.parse(text).toInstant(),
        ActivityTreeReader::instantProblem);
    final ValueReader<LocalDate> date = json.temporal(json::nonBlank, LocalDate::parse, "date", "a date (YYYY-MM-DD)");
    final ValueReader<YearMonth> month = json.temporal(json::nonBlank, YearMonth::parse, "month", "a month (YYYY-MM)");
    final ValueReader<Currency> currency =
        (node, path) -> json.nonBlank(node, path).flatMap(code -> json.currency(code, path));
    final ValueReader<BigDecimal> nonNegativeDecimal = json.notNegative(json::decimal);

    String subject() {
      return idText.map(id -> "invalid activity '" + id + "'").orElse("invalid activity");
    }

    /** Every field outside {@code known} and {@code more} is a problem: it is most likely a typo. */
    void rejectUnknown(Fields o, String what, List<String> known, List<String> more) {
      List<String> all = new ArrayList<>(known);
      all.addAll(more);
      o.rejectUnknown(all, name -> "unknown field" + Suggestions.didYouMean(name, all) + "; " + what + " has "
          + String.join(", ", all));
    }

    // ---- the activity ----

    Optional<Activity> activity(JsonNode node, String path) {
      return json.object(node, path, "an object holding one activity").flatMap(this::activity);
    }

    Optional<Activity> activity(Fields o) {
      Optional<String> type = o.required("type", json::nonBlank);
      Optional<String> knownType = type.filter(t -> {
        if (TYPES.contains(t)) {
          return true;
        }
        json.problem(o.at("type"), "unknown type '" + t + "'" + Suggestions.didYouMean(t, TYPES)
            + "; expected one of " + String.join(", ", TYPES));
        return false;
      });
      Optional<ActivityHeader> header = header(o);
      if (knownType.isEmpty()) {
        // Without a type the allowed fields are unknown, so unknown fields cannot be told apart.
        return Optional.empty();
      }
      return switch (knownType.get()) {
        case "sale" -> sale(o, header);
        case "return" -> saleReturn(o, header);
        case "training" -> training(o, header);
        case "certification" -> certification(o, header);
        case "referral" -> referral(o, header);
        case "sell-through" -> sellThrough(o, header);
        case "report" -> report(o, header);
        case "custom" -> custom(o, header);
        default -> throw new IllegalStateException("type '" + knownType.get() + "' is in TYPES but not read");
      };
    }

    Optional<ActivityHeader> header(Fields o) {
      id = o.required("id", id(ActivityId::of));
      // Only a valid id names the activity in the message: an invalid one may be 10,000 characters.
      idText = id.map(ActivityId::value);
      partner = o.required("partner", id(PartnerId::of));
      Optional<MemberId> member = o.optional("member", id(MemberId::of));
      Optional<Instant> occurredAt = o.required("occurredAt", instant);
      if (id.isEmpty() || partner.isEmpty() || occurredAt.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ActivityHeader(id.get(), partner.get(), member, occurredAt.get()));
    }

    /**
     * The activity {@code make} builds on {@code header}; when the header could not be read, the
     * record's own rules still run on the rest, on a stand-in header made of the header's readable
     * parts, so that a bad date does not hide a SKU listed twice. Then empty, whatever they find.
     */
    Optional<Activity> build(String path, Optional<ActivityHeader> header, Function<ActivityHeader, Activity> make) {
      if (header.isPresent()) {
        return json.build(path, () -> make.apply(header.get()));
      }
      ActivityHeader standIn = new ActivityHeader(id.orElse(PROBE.id()), partner.orElse(PROBE.partner()),
          Optional.empty(), PROBE.occurredAt());
      json.build(path, () -> make.apply(standIn));
      return Optional.empty();
    }

    Optional<Activity> sale(Fields o, Optional<ActivityHeader> header) {
      Optional<Currency> currency = o.required("currency", this.currency);
      Optional<List<InvoiceLine>> lines = o.required("lines", json.arrayOf(this::invoiceLine));
      rejectUnknown(o, "a sale", HEADER, List.of("currency", "lines"));
      if (currency.isEmpty() || lines.isEmpty()) {
        return Optional.empty();
      }
      return build(o.at("lines"), header, h -> new Sale(h, currency.get(), lines.get()));
    }

    Optional<Activity> saleReturn(Fields o, Optional<ActivityHeader> header) {
      Optional<ActivityId> invoice = o.required("invoice", id(ActivityId::of));
      Optional<List<ReturnLine>> lines = o.required("lines", json.arrayOf(this::returnLine));
      rejectUnknown(o, "a return", HEADER, List.of("invoice", "lines"));
      if (invoice.isEmpty() || lines.isEmpty()) {
        return Optional.empty();
      }
      // Every refusal but "returns itself" is about the lines; the message itself comes from SaleReturn.
      String path = id.filter(invoice.get()::equals).isPresent() ? o.at("invoice") : o.at("lines");
      return build(path, header, h -> new SaleReturn(h, invoice.get(), lines.get()));
    }

    Optional<Activity> training(Fields o, Optional<ActivityHeader> header) {
      Optional<String> course = o.required("course", checked(json::nonBlank, c -> new TrainingCompleted(PROBE, c)));
      rejectUnknown(o, "a training", HEADER, List.of("course"));
      if (header.isEmpty() || course.isEmpty()) {
        return Optional.empty();
      }
      return json.build(o.at("course"), () -> new TrainingCompleted(header.get(), course.get()));
    }

    Optional<Activity> certification(Fields o, Optional<ActivityHeader> header) {
      Optional<String> certification = o.required("certification",
          checked(json::nonBlank, c -> new CertificationEarned(PROBE, c, Optional.empty())));
      Optional<LocalDate> validUntil = o.optional("validUntil", date);
      rejectUnknown(o, "a certification", HEADER, List.of("certification", "validUntil"));
      if (header.isEmpty() || certification.isEmpty()) {
        return Optional.empty();
      }
      return json.build(o.at("certification"), () -> new CertificationEarned(header.get(), certification.get(),
          validUntil));
    }

    Optional<Activity> referral(Fields o, Optional<ActivityHeader> header) {
      Optional<PartnerId> referred = o.required("referred", id(PartnerId::of));
      rejectUnknown(o, "a referral", HEADER, List.of("referred"));
      if (referred.isEmpty()) {
        return Optional.empty();
      }
      return build(o.at("referred"), header, h -> new Referral(h, referred.get()));
    }

    Optional<Activity> sellThrough(Fields o, Optional<ActivityHeader> header) {
      Optional<YearMonth> period = o.required("period", month);
      Optional<LocalDate> dueOn = o.required("dueOn", date);
      Optional<List<SellThroughLine>> lines = o.required("lines", json.arrayOf(this::sellThroughLine));
      rejectUnknown(o, "a sell-through report", HEADER, List.of("period", "dueOn", "lines"));
      if (period.isEmpty() || dueOn.isEmpty() || lines.isEmpty()) {
        return Optional.empty();
      }
      return build(o.path(), header, h -> new SellThroughReport(h, period.get(), dueOn.get(), lines.get()));
    }

    Optional<Activity> report(Fields o, Optional<ActivityHeader> header) {
      Optional<String> report = o.required("report",
          checked(json::nonBlank, r -> new ReportSubmission(PROBE, r, LocalDate.EPOCH)));
      Optional<LocalDate> dueOn = o.required("dueOn", date);
      rejectUnknown(o, "a report", HEADER, List.of("report", "dueOn"));
      if (header.isEmpty() || report.isEmpty() || dueOn.isEmpty()) {
        return Optional.empty();
      }
      return json.build(o.at("report"), () -> new ReportSubmission(header.get(), report.get(), dueOn.get()));
    }

    Optional<Activity> custom(Fields o, Optional<ActivityHeader> header) {
      Optional<String> customType = o.required("customType",
          checked(json::nonBlank, t -> new CustomActivity(PROBE, t, Map.of())));
      int before = json.problemCount();
      Optional<Map<String, AttributeValue>> attributes = o.optional("attributes", this::attributes);
      boolean attributesValid = json.problemCount() == before;
      rejectUnknown(o, "a custom activity", HEADER, List.of("customType", "attributes"));
      if (header.isEmpty() || customType.isEmpty() || !attributesValid) {
        return Optional.empty();
      }
      return json.build(o.at("customType"), () -> new CustomActivity(header.get(), customType.get(),
          attributes.orElseGet(Map::of)));
    }

    // ---- lines ----

    Optional<InvoiceLine> invoiceLine(JsonNode node, String path) {
      return json.object(node, path, "a sale line object").flatMap(json.record(l -> {
        Optional<String> sku = l.required("sku", json::nonBlank);
        Optional<String> category = l.required("category", json::nonBlank);
        Optional<Long> quantity = l.required("quantity", quantity(false));
        Optional<BigDecimal> unitPrice = l.required("unitPrice", nonNegativeDecimal);
        Optional<BigDecimal> amount = l.optional("amount", nonNegativeDecimal);
        rejectUnknown(l, "a sale line", SALE_LINE, List.of());
        // Same default as InvoiceLine.of: no discount, exact, with the unit price's scale.
        return () -> new InvoiceLine(sku.orElseThrow(), category.orElseThrow(), quantity.orElseThrow(),
            unitPrice.orElseThrow(), amount.orElseGet(
                () -> unitPrice.orElseThrow().multiply(BigDecimal.valueOf(quantity.orElseThrow()))));
      }));
    }

    Optional<ReturnLine> returnLine(JsonNode node, String path) {
      return json.object(node, path, "a return line object").flatMap(json.record(l -> {
        Optional<String> sku = l.required("sku", json::nonBlank);
        Optional<Long> quantity = l.required("quantity", quantity(false));
        rejectUnknown(l, "a return line", RETURN_LINE, List.of());
        return () -> new ReturnLine(sku.orElseThrow(), quantity.orElseThrow());
      }));
    }

    Optional<SellThroughLine> sellThroughLine(JsonNode node, String path) {
      return json.object(node, path, "a sell-through line object").flatMap(json.record(l -> {
        Optional<String> sku = l.required("sku", json::nonBlank);
        Optional<String> category = l.required("category", json::nonBlank);
        Optional<Long> quantity = l.required("quantity", quantity(true));
        rejectUnknown(l, "a sell-through line", SELL_THROUGH_LINE, List.of());
        return () -> new SellThroughLine(sku.orElseThrow(), category.orElseThrow(), quantity.orElseThrow());
      }));
    }

    // ---- custom attributes ----

    Optional<Map<String, AttributeValue>> attributes(JsonNode node, String path) {
      return json.entries(node, path, "an object of named values",
          (name, value, valuePath) -> attribute(value, valuePath).map(attribute -> Map.entry(name, attribute)));
    }

    Optional<AttributeValue> attribute(JsonNode node, String path) {
      if (node.isTextual()) {
        return Optional.of(new AttributeValue.Text(node.textValue()));
      }
      if (node.isNumber()) {
        return json.decimal(node, path).map(AttributeValue.Number::new);
      }
      if (node.isBoolean()) {
        return Optional.of(new AttributeValue.Flag(node.booleanValue()));
      }
      if (node.isObject()) {
        Fields date = json.object(node, path, "an object").orElseThrow();
        Optional<LocalDate> value = date.required("date", this.date);
        rejectUnknown(date, "a date attribute", DATE_ATTRIBUTE, List.of());
        return value.map(AttributeValue.Date::new);
      }
      return json.typeMismatch(node, path, "a string, a number, true or false, or {\"date\": \"YYYY-MM-DD\"}");
    }

    // ---- leaves ----

    /** {@code read}, then {@code probe} on the value: the record's own rule for that one field. */
    <T> ValueReader<T> checked(ValueReader<T> read, Consumer<T> probe) {
      return json.built(read, value -> {
        probe.accept(value);
        return value;
      });
    }

    <T> ValueReader<T> id(Function<String, T> factory) {
      return json.built(json::nonBlank, factory);
    }

    /**
     * A whole number of units; {@code zeroAllowed} for sell-through, where "none sold" is news.
     * {@code 10.0} is 10, as docs/FORMATS.md promises.
     */
    ValueReader<Long> quantity(boolean zeroAllowed) {
      return (node, path) -> {
        if (!node.isNumber()) {
          return json.typeMismatch(node, path, "a whole number");
        }
        BigDecimal value = node.decimalValue();
        long units;
        try {
          units = value.longValueExact();
        } catch (ArithmeticException e) {
          boolean whole = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
          json.problem(path, whole ? "is out of range, got " + value : "must be a whole number, got " + value);
          return Optional.empty();
        }
        return json.inRange(units, path, zeroAllowed ? 0 : 1, Long.MAX_VALUE);
      };
    }
  }
}
