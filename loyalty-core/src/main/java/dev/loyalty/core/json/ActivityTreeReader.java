package dev.loyalty.core.json;

import dev.loyalty.core.InputProblem;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns JSON text or a Jackson tree into an activity, collecting every problem on the way instead
 * of stopping at the first. Stateless and thread-safe: each call walks with its own {@link Walk}.
 *
 * <p>The split of work with the activity records: this class owns what only JSON has (types,
 * required and unknown fields, the syntax of dates, instants and currencies) and the per-field
 * rules whose problem belongs to one field (a quantity must be positive), so that several
 * problems of one line are reported together with exact paths. Everything else (id lengths,
 * duplicate SKUs, self-referrals, ...) is left to the records' own validation, whose
 * {@link IllegalArgumentException} becomes a problem at the path it concerns.
 */
final class ActivityTreeReader {

  /**
   * Exact numbers: floats become {@link BigDecimal} with their scale kept ({@code 1200.00} stays
   * {@code 1200.00}, which {@code equals} does not consider equal to {@code 1.2E+3}). Duplicate
   * keys and content after the activity are syntax errors instead of silently dropped data.
   */
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** Reads one element of an array in place, leaving the parser on the element's last token. */
  static final ObjectReader ELEMENT_READER = MAPPER.reader()
      .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * The most digits a decimal may have before and after the point. Far beyond any price, but it
   * stops {@code "1E-999999999"} from becoming a billion-character string in a statement.
   */
  static final int MAX_DECIMAL_DIGITS = 100;

  static final List<String> TYPES = List.of("sale", "return", "training", "certification", "referral",
      "sell-through", "report", "custom");

  private static final List<String> HEADER = List.of("type", "id", "partner", "member", "occurredAt");
  private static final List<String> SALE_LINE = List.of("sku", "category", "quantity", "unitPrice", "amount");
  private static final List<String> RETURN_LINE = List.of("sku", "quantity");
  private static final List<String> SELL_THROUGH_LINE = List.of("sku", "category", "quantity");
  private static final List<String> DATE_ATTRIBUTE = List.of("date");
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

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
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return new Outcome(Optional.empty(), List.of(malformed(e, firstLine)), "invalid activity");
    }
    if (tree.isMissingNode()) {
      return new Outcome(Optional.empty(),
          List.of(new InputProblem(JsonPaths.ROOT, "no JSON found; expected an object holding one activity")),
          "invalid activity");
    }
    return read(tree, JsonPaths.ROOT);
  }

  /** Reads one activity from a parsed tree; {@code path} is where the tree sits ("$", "$[3]"). */
  static Outcome read(JsonNode node, String path) {
    Walk walk = new Walk();
    Optional<Activity> activity = walk.activity(node, path);
    if (!walk.problems.isEmpty()) {
      return new Outcome(Optional.empty(), walk.problems, walk.subject());
    }
    return new Outcome(Optional.of(activity.orElseThrow()), List.of(), walk.subject());
  }

  /** The one problem a syntax error makes: the rest of the text cannot be trusted. */
  static InputProblem malformed(JsonProcessingException e, int firstLine) {
    String what = Optional.ofNullable(e.getOriginalMessage()).filter(m -> !m.isBlank()).orElse("unreadable");
    JsonLocation at = e.getLocation();
    if (at == null || at.getLineNr() < 1) {
      return new InputProblem(JsonPaths.ROOT, "malformed JSON: " + what);
    }
    return new InputProblem(JsonPaths.ROOT, "malformed JSON at line " + (firstLine - 1 + at.getLineNr()) + ", column "
        + at.getColumnNr() + ": " + what);
  }

  static String nodeType(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** The state of reading one activity: the problems so far. */
  private static final class Walk {
    final List<InputProblem> problems = new ArrayList<>();
    Optional<String> idText = Optional.empty();

    void problem(String path, String message) {
      problems.add(new InputProblem(path, message));
    }

    String subject() {
      return idText.map(id -> "invalid activity '" + id + "'").orElse("invalid activity");
    }

    /** Runs a record's constructor; its refusal becomes a problem at {@code path}. */
    <T> Optional<T> attempt(String path, Supplier<T> build) {
      try {
        return Optional.of(build.get());
      } catch (IllegalArgumentException e) {
        problem(path, Optional.ofNullable(e.getMessage()).filter(m -> !m.isBlank()).orElse("is invalid"));
        return Optional.empty();
      }
    }

    Optional<Fields> object(JsonNode node, String path, String what) {
      if (!node.isObject()) {
        problem(path, "must be " + what + ", got " + nodeType(node));
        return Optional.empty();
      }
      return Optional.of(new Fields(this, node, path));
    }

    // ---- the activity ----

    Optional<Activity> activity(JsonNode node, String path) {
      Optional<Fields> object = object(node, path, "an object holding one activity");
      if (object.isEmpty()) {
        return Optional.empty();
      }
      Fields o = object.get();
      Optional<String> type = o.required("type", this::text);
      Optional<String> knownType = type.filter(t -> {
        if (TYPES.contains(t)) {
          return true;
        }
        problem(o.at("type"), "unknown type '" + t + "'" + Suggestions.didYouMean(t, TYPES) + "; expected one of "
            + String.join(", ", TYPES));
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
      Optional<ActivityId> id = o.required("id", id(ActivityId::of));
      // Only a valid id names the activity in the message: an invalid one may be 10,000 characters.
      idText = id.map(ActivityId::value);
      Optional<PartnerId> partner = o.required("partner", id(PartnerId::of));
      Optional<MemberId> member = o.optional("member", id(MemberId::of));
      Optional<Instant> occurredAt = o.required("occurredAt", this::instant);
      if (id.isEmpty() || partner.isEmpty() || occurredAt.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ActivityHeader(id.get(), partner.get(), member, occurredAt.get()));
    }

    Optional<Activity> sale(Fields o, Optional<ActivityHeader> header) {
      Optional<Currency> currency = o.required("currency", this::currency);
      Optional<List<InvoiceLine>> lines = o.required("lines", list(this::invoiceLine));
      o.rejectUnknown("a sale", HEADER, List.of("currency", "lines"));
      if (header.isEmpty() || currency.isEmpty() || lines.isEmpty()) {
        return Optional.empty();
      }
      return attempt(o.at("lines"), () -> new Sale(header.get(), currency.get(), lines.get()));
    }

    Optional<Activity> saleReturn(Fields o, Optional<ActivityHeader> header) {
      Optional<ActivityId> invoice = o.required("invoice", id(ActivityId::of));
      Optional<List<ReturnLine>> lines = o.required("lines", list(this::returnLine));
      o.rejectUnknown("a return", HEADER, List.of("invoice", "lines"));
      if (header.isEmpty() || invoice.isEmpty() || lines.isEmpty()) {
        return Optional.empty();
      }
      // Every refusal but "returns itself" is about the lines; the message itself comes from SaleReturn.
      String path = invoice.get().equals(header.get().id()) ? o.at("invoice") : o.at("lines");
      return attempt(path, () -> new SaleReturn(header.get(), invoice.get(), lines.get()));
    }

    Optional<Activity> training(Fields o, Optional<ActivityHeader> header) {
      Optional<String> course = o.required("course", checked(this::text, c -> new TrainingCompleted(PROBE, c)));
      o.rejectUnknown("a training", HEADER, List.of("course"));
      if (header.isEmpty() || course.isEmpty()) {
        return Optional.empty();
      }
      return attempt(o.at("course"), () -> new TrainingCompleted(header.get(), course.get()));
    }

    Optional<Activity> certification(Fields o, Optional<ActivityHeader> header) {
      Optional<String> certification = o.required("certification",
          checked(this::text, c -> new CertificationEarned(PROBE, c, Optional.empty())));
      Optional<LocalDate> validUntil = o.optional("validUntil", this::date);
      o.rejectUnknown("a certification", HEADER, List.of("certification", "validUntil"));
      if (header.isEmpty() || certification.isEmpty()) {
        return Optional.empty();
      }
      return attempt(o.at("certification"), () -> new CertificationEarned(header.get(), certification.get(),
          validUntil));
    }

    Optional<Activity> referral(Fields o, Optional<ActivityHeader> header) {
      Optional<PartnerId> referred = o.required("referred", id(PartnerId::of));
      o.rejectUnknown("a referral", HEADER, List.of("referred"));
      if (header.isEmpty() || referred.isEmpty()) {
        return Optional.empty();
      }
      return attempt(o.at("referred"), () -> new Referral(header.get(), referred.get()));
    }

    Optional<Activity> sellThrough(Fields o, Optional<ActivityHeader> header) {
      Optional<YearMonth> period = o.required("period", this::month);
      Optional<LocalDate> dueOn = o.required("dueOn", this::date);
      Optional<List<SellThroughLine>> lines = o.required("lines", list(this::sellThroughLine));
      o.rejectUnknown("a sell-through report", HEADER, List.of("period", "dueOn", "lines"));
      if (header.isEmpty() || period.isEmpty() || dueOn.isEmpty() || lines.isEmpty()) {
        return Optional.empty();
      }
      return attempt(o.path, () -> new SellThroughReport(header.get(), period.get(), dueOn.get(), lines.get()));
    }

    Optional<Activity> report(Fields o, Optional<ActivityHeader> header) {
      Optional<String> report = o.required("report",
          checked(this::text, r -> new ReportSubmission(PROBE, r, LocalDate.EPOCH)));
      Optional<LocalDate> dueOn = o.required("dueOn", this::date);
      o.rejectUnknown("a report", HEADER, List.of("report", "dueOn"));
      if (header.isEmpty() || report.isEmpty() || dueOn.isEmpty()) {
        return Optional.empty();
      }
      return attempt(o.at("report"), () -> new ReportSubmission(header.get(), report.get(), dueOn.get()));
    }

    Optional<Activity> custom(Fields o, Optional<ActivityHeader> header) {
      Optional<String> customType = o.required("customType",
          checked(this::text, t -> new CustomActivity(PROBE, t, Map.of())));
      int before = problems.size();
      Optional<Map<String, AttributeValue>> attributes = o.optional("attributes", this::attributes);
      boolean attributesValid = problems.size() == before;
      o.rejectUnknown("a custom activity", HEADER, List.of("customType", "attributes"));
      if (header.isEmpty() || customType.isEmpty() || !attributesValid) {
        return Optional.empty();
      }
      return attempt(o.at("customType"), () -> new CustomActivity(header.get(), customType.get(),
          attributes.orElseGet(Map::of)));
    }

    // ---- lines ----

    Optional<InvoiceLine> invoiceLine(JsonNode node, String path) {
      Optional<Fields> object = object(node, path, "a sale line object");
      if (object.isEmpty()) {
        return Optional.empty();
      }
      Fields l = object.get();
      int before = problems.size();
      Optional<String> sku = l.required("sku", this::text);
      Optional<String> category = l.required("category", this::text);
      Optional<Long> quantity = l.required("quantity", positiveQuantity());
      Optional<BigDecimal> unitPrice = l.required("unitPrice", nonNegativeDecimal());
      Optional<BigDecimal> amount = l.optional("amount", nonNegativeDecimal());
      l.rejectUnknown("a sale line", SALE_LINE, List.of());
      if (problems.size() > before) {
        return Optional.empty();
      }
      // Same default as InvoiceLine.of: no discount, exact, with the unit price's scale.
      BigDecimal invoiced = amount.orElseGet(
          () -> unitPrice.orElseThrow().multiply(BigDecimal.valueOf(quantity.orElseThrow())));
      return attempt(path, () -> new InvoiceLine(sku.orElseThrow(), category.orElseThrow(), quantity.orElseThrow(),
          unitPrice.orElseThrow(), invoiced));
    }

    Optional<ReturnLine> returnLine(JsonNode node, String path) {
      Optional<Fields> object = object(node, path, "a return line object");
      if (object.isEmpty()) {
        return Optional.empty();
      }
      Fields l = object.get();
      int before = problems.size();
      Optional<String> sku = l.required("sku", this::text);
      Optional<Long> quantity = l.required("quantity", positiveQuantity());
      l.rejectUnknown("a return line", RETURN_LINE, List.of());
      if (problems.size() > before) {
        return Optional.empty();
      }
      return attempt(path, () -> new ReturnLine(sku.orElseThrow(), quantity.orElseThrow()));
    }

    Optional<SellThroughLine> sellThroughLine(JsonNode node, String path) {
      Optional<Fields> object = object(node, path, "a sell-through line object");
      if (object.isEmpty()) {
        return Optional.empty();
      }
      Fields l = object.get();
      int before = problems.size();
      Optional<String> sku = l.required("sku", this::text);
      Optional<String> category = l.required("category", this::text);
      Optional<Long> quantity = l.required("quantity", quantity(true));
      l.rejectUnknown("a sell-through line", SELL_THROUGH_LINE, List.of());
      if (problems.size() > before) {
        return Optional.empty();
      }
      return attempt(path, () -> new SellThroughLine(sku.orElseThrow(), category.orElseThrow(),
          quantity.orElseThrow()));
    }

    <T> BiFunction<JsonNode, String, Optional<List<T>>> list(BiFunction<JsonNode, String, Optional<T>> element) {
      return (node, path) -> {
        if (!node.isArray()) {
          problem(path, "must be an array, got " + nodeType(node));
          return Optional.empty();
        }
        int before = problems.size();
        List<T> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
          element.apply(node.get(i), JsonPaths.index(path, i)).ifPresent(items::add);
        }
        return problems.size() > before ? Optional.empty() : Optional.of(items);
      };
    }

    // ---- custom attributes ----

    Optional<Map<String, AttributeValue>> attributes(JsonNode node, String path) {
      if (!node.isObject()) {
        problem(path, "must be an object of named values, got " + nodeType(node));
        return Optional.empty();
      }
      Map<String, AttributeValue> attributes = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        attribute(field.getValue(), JsonPaths.member(path, field.getKey()))
            .ifPresent(value -> attributes.put(field.getKey(), value));
      }
      return Optional.of(attributes);
    }

    Optional<AttributeValue> attribute(JsonNode node, String path) {
      if (node.isTextual()) {
        return Optional.of(new AttributeValue.Text(node.textValue()));
      }
      if (node.isNumber()) {
        return decimal(node, path).map(AttributeValue.Number::new);
      }
      if (node.isBoolean()) {
        return Optional.of(new AttributeValue.Flag(node.booleanValue()));
      }
      if (node.isObject()) {
        Fields date = new Fields(this, node, path);
        Optional<LocalDate> value = date.required("date", this::date);
        date.rejectUnknown("a date attribute", DATE_ATTRIBUTE, List.of());
        return value.map(AttributeValue.Date::new);
      }
      problem(path, "must be a string, a number, true or false, or {\"date\": \"YYYY-MM-DD\"}, got " + nodeType(node));
      return Optional.empty();
    }

    // ---- leaves ----

    Optional<String> text(JsonNode node, String path) {
      if (!node.isTextual()) {
        problem(path, "must be a string, got " + nodeType(node));
        return Optional.empty();
      }
      if (node.textValue().isBlank()) {
        problem(path, "must not be blank");
        return Optional.empty();
      }
      return Optional.of(node.textValue());
    }

    /** {@code read}, then {@code probe} on the value: the record's own rule for that one field. */
    <T> BiFunction<JsonNode, String, Optional<T>> checked(BiFunction<JsonNode, String, Optional<T>> read,
        Consumer<T> probe) {
      return (node, path) -> read.apply(node, path).flatMap(value -> attempt(path, () -> {
        probe.accept(value);
        return value;
      }));
    }

    <T> BiFunction<JsonNode, String, Optional<T>> id(Function<String, T> factory) {
      return (node, path) -> text(node, path).flatMap(text -> attempt(path, () -> factory.apply(text)));
    }

    Optional<Instant> instant(JsonNode node, String path) {
      return text(node, path).flatMap(text -> {
        try {
          // OffsetDateTime, not Instant.parse: a local time without an offset must be refused, not guessed.
          return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
          problem(path, "'" + text + "' is not an instant with an offset, such as 2026-07-14T10:15:00+05:30 or "
              + "2026-07-14T04:45:00Z");
          return Optional.empty();
        }
      });
    }

    Optional<LocalDate> date(JsonNode node, String path) {
      return text(node, path).flatMap(text -> {
        try {
          return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
          problem(path, "'" + text + "' is not a date (YYYY-MM-DD)");
          return Optional.empty();
        }
      });
    }

    Optional<YearMonth> month(JsonNode node, String path) {
      return text(node, path).flatMap(text -> {
        try {
          return Optional.of(YearMonth.parse(text));
        } catch (DateTimeParseException e) {
          problem(path, "'" + text + "' is not a month (YYYY-MM)");
          return Optional.empty();
        }
      });
    }

    Optional<Currency> currency(JsonNode node, String path) {
      return text(node, path).flatMap(text -> {
        if (CURRENCY_CODE.matcher(text).matches()) {
          try {
            return Optional.of(Currency.getInstance(text));
          } catch (IllegalArgumentException unknown) {
            // reported below, as for a code of the wrong shape
          }
        }
        problem(path, "unknown currency '" + text + "'; expected an ISO 4217 code such as INR or EUR");
        return Optional.empty();
      });
    }

    /** A number or a numeric string, read exactly. */
    Optional<BigDecimal> decimal(JsonNode node, String path) {
      BigDecimal value;
      if (node.isNumber()) {
        value = node.decimalValue();
      } else if (node.isTextual()) {
        try {
          value = new BigDecimal(node.textValue());
        } catch (NumberFormatException e) {
          problem(path, "'" + node.textValue() + "' is not a decimal number");
          return Optional.empty();
        }
      } else {
        problem(path, "must be a decimal number (a JSON number or a string such as \"12.50\"), got "
            + nodeType(node));
        return Optional.empty();
      }
      if (value.scale() > MAX_DECIMAL_DIGITS || value.precision() - value.scale() > MAX_DECIMAL_DIGITS) {
        problem(path, "is out of range: at most " + MAX_DECIMAL_DIGITS + " digits before and after the point");
        return Optional.empty();
      }
      return Optional.of(value);
    }

    BiFunction<JsonNode, String, Optional<BigDecimal>> nonNegativeDecimal() {
      return (node, path) -> decimal(node, path).filter(value -> {
        if (value.signum() < 0) {
          problem(path, "must not be negative, got " + value.toPlainString());
          return false;
        }
        return true;
      });
    }

    BiFunction<JsonNode, String, Optional<Long>> positiveQuantity() {
      return quantity(false);
    }

    /** A whole number of units; {@code zeroAllowed} for sell-through, where "none sold" is news. */
    BiFunction<JsonNode, String, Optional<Long>> quantity(boolean zeroAllowed) {
      return (node, path) -> {
        if (!node.isNumber()) {
          problem(path, "must be a whole number, got " + nodeType(node));
          return Optional.empty();
        }
        BigDecimal value = node.decimalValue();
        long units;
        try {
          units = value.longValueExact();
        } catch (ArithmeticException e) {
          boolean whole = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
          problem(path, whole ? "is out of range, got " + value : "must be a whole number, got " + value);
          return Optional.empty();
        }
        if (units < 0 || (units == 0 && !zeroAllowed)) {
          problem(path, (zeroAllowed ? "must not be negative, got " : "must be positive, got ") + units);
          return Optional.empty();
        }
        return Optional.of(units);
      };
    }
  }

  /** The fields of one JSON object, read by name with the problems recorded in the walk. */
  private static final class Fields {
    final Walk walk;
    final JsonNode node;
    final String path;

    Fields(Walk walk, JsonNode node, String path) {
      this.walk = walk;
      this.node = node;
      this.path = path;
    }

    String at(String field) {
      return JsonPaths.member(path, field);
    }

    <T> Optional<T> required(String field, BiFunction<JsonNode, String, Optional<T>> read) {
      JsonNode value = node.get(field);
      if (value == null) {
        walk.problem(at(field), "is required");
        return Optional.empty();
      }
      if (value.isNull()) {
        walk.problem(at(field), "is required, got null");
        return Optional.empty();
      }
      return read.apply(value, at(field));
    }

    /** Absent and null both mean "not given": producers often write null for an empty optional. */
    <T> Optional<T> optional(String field, BiFunction<JsonNode, String, Optional<T>> read) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      return read.apply(value, at(field));
    }

    /** Every field outside {@code known} and {@code more} is a problem: it is most likely a typo. */
    void rejectUnknown(String what, List<String> known, List<String> more) {
      List<String> all = new ArrayList<>(known);
      all.addAll(more);
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!all.contains(name)) {
          walk.problem(at(name), "unknown field" + Suggestions.didYouMean(name, all) + "; " + what + " has "
              + String.join(", ", all));
        }
      }
    }
  }
}
