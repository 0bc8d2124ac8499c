package dev.loyalty.core.json.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.loyalty.core.InputProblem;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Walks a Jackson tree by hand, collecting every problem of the document by JSONPath instead of
 * stopping at the first, so that one bad value does not hide the others: each read reports what
 * it finds and returns empty, and the walk goes on with its siblings. The format readers
 * (activities, program definitions) say what a document holds; this class does what any of them
 * needs (required and optional fields, unknown fields, arrays element by element, strings,
 * decimals, dates, currencies, a record's refusal as a problem), worded by their {@link Dialect}.
 *
 * <p>An empty {@code Optional} from any method here comes with at least one problem reported,
 * except from {@link Fields#optional(String, ValueReader)} for a field not given. One instance
 * reads one document; not thread-safe.
 */
public final class JsonTreeReader {

  /**
   * The mapper both formats are read with; thread-safe once built. Every setting is about reading
   * the document faithfully.
   */
  public static final JsonMapper MAPPER = JsonMapper.builder()
      // Fractions become BigDecimal from the digits in the text, not via double...
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      // ...and keep their scale: "0.10" stays 0.10 rather than turning into 0.1 (or 1E+1 for "10.0").
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      // A key given twice would otherwise silently keep the last value.
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      // "{...} garbage" is a broken document, not a document followed by noise.
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // Whoever opened a Reader closes it.
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      // Error messages must not echo the document (it may be large).
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

  private final Dialect dialect;
  private final List<InputProblem> problems = new ArrayList<>();

  /** A reader for one document, wording its problems in {@code dialect}. */
  public JsonTreeReader(Dialect dialect) {
    this.dialect = requireNonNull(dialect, "dialect");
  }

  // ---- problems

  /** Every problem reported so far, in the order reported. */
  public List<InputProblem> problems() {
    return List.copyOf(problems);
  }

  /** How many problems have been reported so far: compare to see whether a part of the walk found any. */
  public int problemCount() {
    return problems.size();
  }

  /** Reports that the value at {@code path} is wrong, as {@code message} says. */
  public void problem(String path, String message) {
    problems.add(new InputProblem(path, message));
  }

  /** Reports that {@code node} is not {@code expected} ("a string"); always empty. */
  public <T> Optional<T> typeMismatch(JsonNode node, String path, String expected) {
    problem(path, dialect.typeMismatch().message(expected, node));
    return Optional.empty();
  }

  /** Runs a record's constructor; its refusal becomes a problem at {@code path}. */
  public <T> Optional<T> build(String path, Supplier<T> constructor) {
    try {
      return Optional.of(constructor.get());
    } catch (IllegalArgumentException e) {
      problem(path, Optional.ofNullable(e.getMessage()).filter(m -> !m.isBlank()).orElse("is invalid"));
      return Optional.empty();
    }
  }

  /**
   * Builds a record from an object's fields: {@code read} reads the fields and returns how to build
   * the record from what it read. The record is built only if reading reported no problem, and the
   * refusal of its constructor is a problem at the object's path.
   */
  public <T> Function<Fields, Optional<T>> record(Function<Fields, Supplier<T>> read) {
    return fields -> {
      int before = problemCount();
      Supplier<T> constructor = read.apply(fields);
      return problemCount() > before ? Optional.empty() : build(fields.path(), constructor);
    };
  }

  /** {@code read}, then {@code constructor} on what it read, whose refusal is a problem at the same path. */
  public <A, T> ValueReader<T> built(ValueReader<A> read, Function<? super A, ? extends T> constructor) {
    return (node, path) -> read.read(node, path).flatMap(value -> build(path, () -> constructor.apply(value)));
  }

  // ---- structure

  /** The fields of {@code node}, if it is an object; otherwise reports that it is not {@code expected}. */
  public Optional<Fields> object(JsonNode node, String path, String expected) {
    if (!node.isObject()) {
      return typeMismatch(node, path, expected);
    }
    return Optional.of(new Fields(node, path));
  }

  /**
   * An array whose elements {@code element} reads. Every element is read even when some fail, so
   * that every bad one is reported; the list is empty if any of them was.
   */
  public <T> ValueReader<List<T>> arrayOf(ValueReader<T> element) {
    return (node, path) -> {
      if (!node.isArray()) {
        return typeMismatch(node, path, "an array");
      }
      int before = problemCount();
      List<T> values = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        element.read(node.get(i), JsonPaths.index(path, i)).ifPresent(values::add);
      }
      return problemCount() > before ? Optional.empty() : Optional.of(values);
    };
  }

  /**
   * The fields of an object used as a map from names to values, in document order, each read by
   * {@code entry}. Entries with a problem are left out, so the map may be partial when a problem
   * was reported; it is empty only if {@code node} is not an object ({@code expected}).
   */
  public <K, V> Optional<Map<K, V>> entries(JsonNode node, String path, String expected, EntryReader<K, V> entry) {
    if (!node.isObject()) {
      return typeMismatch(node, path, expected);
    }
    Map<K, V> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      entry.read(field.getKey(), field.getValue(), dialect.paths().member(path, field.getKey()))
          .ifPresent(read -> entries.put(read.getKey(), read.getValue()));
    }
    return Optional.of(entries);
  }

  /** Reads one field of an object used as a map; like a {@link ValueReader}, with the field's name. */
  @FunctionalInterface
  public interface EntryReader<K, V> {
    /** The entry field {@code name} with {@code value} at {@code path} makes, or empty with a problem. */
    Optional<Map.Entry<K, V>> read(String name, JsonNode value, String path);
  }

  // ---- values

  /** A JSON string, any string. */
  public Optional<String> text(JsonNode node, String path) {
    if (!node.isTextual()) {
      return typeMismatch(node, path, "a string");
    }
    return Optional.of(node.textValue());
  }

  /** A JSON string that is not blank. */
  public Optional<String> nonBlank(JsonNode node, String path) {
    Optional<String> text = text(node, path);
    if (text.isPresent() && text.get().isBlank()) {
      problem(path, "must not be blank");
      return Optional.empty();
    }
    return text;
  }

  /** A JSON {@code true} or {@code false}. */
  public Optional<Boolean> bool(JsonNode node, String path) {
    if (!node.isBoolean()) {
      return typeMismatch(node, path, "true or false");
    }
    return Optional.of(node.booleanValue());
  }

  /**
   * A string {@code text} reads that {@code parse} accepts; a {@link DateTimeException} is reported
   * as {@code "'<text>' is not " + what}.
   */
  public <T> ValueReader<T> parsed(ValueReader<String> text, Function<String, T> parse, String what) {
    return parsed(text, parse, value -> "'" + value + "' is not " + what);
  }

  /** A string {@code text} reads that {@code parse} accepts; a {@link DateTimeException} is reported as {@code problem} says. */
  public <T> ValueReader<T> parsed(ValueReader<String> text, Function<String, T> parse,
      Function<String, String> problem) {
    return parsed(text, parse, (value, e) -> problem.apply(value));
  }

  /**
   * A string {@code text} reads that {@code parse} accepts; a {@link DateTimeException} is reported
   * as {@code problem} says from the text and the exception.
   */
  public <T> ValueReader<T> parsed(ValueReader<String> text, Function<String, T> parse,
      BiFunction<String, DateTimeException, String> problem) {
    return (node, path) -> text.read(node, path).flatMap(value -> {
      try {
        return Optional.of(parse.apply(value));
      } catch (DateTimeException e) {
        problem(path, problem.apply(value, e));
        return Optional.empty();
      }
    });
  }

  /**
   * A date, month or other java.time value {@code parse} reads; one with the right shape that does
   * not exist is reported as such ("there is no February 30"), any other as not {@code expected}.
   *
   * @param noun what the value is, for the first kind of message ("date")
   */
  public <T> ValueReader<T> temporal(ValueReader<String> text, Function<String, T> parse, String noun,
      String expected) {
    return parsed(text, parse, (value, e) -> DateProblems.describe(value, e, noun, expected));
  }

  /** A JSON number or a string holding one, read exactly (never through a double). */
  public Optional<BigDecimal> decimal(JsonNode node, String path) {
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
      return typeMismatch(node, path, dialect.decimal());
    }
    if (dialect.maxDecimalDigits().isPresent()) {
      int max = dialect.maxDecimalDigits().getAsInt();
      // Far beyond any price, but it stops "1E-999999999" from becoming a billion-character string.
      if (value.scale() > max || value.precision() - value.scale() > max) {
        problem(path, "is out of range: at most " + max + " digits before and after the point");
        return Optional.empty();
      }
    }
    return Optional.of(value);
  }

  /** What {@code decimal} reads, if it is more than zero. */
  public ValueReader<BigDecimal> positive(ValueReader<BigDecimal> decimal) {
    return (node, path) -> decimal.read(node, path).filter(value -> {
      if (value.signum() <= 0) {
        problem(path, "must be positive, got " + value.toPlainString());
        return false;
      }
      return true;
    });
  }

  /** What {@code decimal} reads, if it is zero or more. */
  public ValueReader<BigDecimal> notNegative(ValueReader<BigDecimal> decimal) {
    return (node, path) -> decimal.read(node, path).filter(value -> {
      if (value.signum() < 0) {
        problem(path, "must not be negative, got " + value.toPlainString());
        return false;
      }
      return true;
    });
  }

  /**
   * A JSON integer from {@code min} to {@code max}. Counts and points in a definition are never
   * given as strings or fractions, and not as {@code 24.0} either.
   */
  public Optional<Long> wholeNumber(JsonNode node, String path, long min, long max) {
    if (!node.isIntegralNumber()) {
      if (node.isNumber()) {
        // toString, not toPlainString: 1e-999999999 must not be spelled out
        problem(path, "expected a whole number, got " + node.decimalValue());
        return Optional.empty();
      }
      return typeMismatch(node, path, "a whole number");
    }
    if (!node.canConvertToLong()) {
      return outOfRange(path, min, max, node.bigIntegerValue());
    }
    return inRange(node.longValue(), path, min, max);
  }

  /** {@code value} if it is from {@code min} to {@code max}; see {@link #outOfRange}. */
  public Optional<Long> inRange(long value, String path, long min, long max) {
    if (value < min || value > max) {
      return outOfRange(path, min, max, value);
    }
    return Optional.of(value);
  }

  /**
   * Reports a whole number outside {@code min} to {@code max} ("must be from 1 to 36, got 37"; "must
   * be positive" or "must not be negative" when only the minimum matters); always empty.
   */
  public <T> Optional<T> outOfRange(String path, long min, long max, Object got) {
    // Past a bound that range() leaves unsaid, "must be positive" would name the wrong problem.
    boolean pastUnsaidMax = (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) && got instanceof Number n
        && new BigDecimal(n.toString()).compareTo(BigDecimal.valueOf(max)) > 0;
    problem(path, (pastUnsaidMax ? "must be at most " + max : range(min, max)) + ", got " + got);
    return Optional.empty();
  }

  private static String range(long min, long max) {
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return min == 1 ? "must be positive" : min == 0 ? "must not be negative" : "must be at least " + min;
    }
    return "must be from " + min + " to " + max;
  }

  /** The currency whose ISO 4217 code is {@code code}. */
  public Optional<Currency> currency(String code, String path) {
    if (dialect.lenientCurrencyCodes() || CURRENCY_CODE.matcher(code).matches()) {
      try {
        return Optional.of(Currency.getInstance(code));
      } catch (IllegalArgumentException unknown) {
        // reported below, as for a code of the wrong shape
      }
    }
    problem(path, String.format(Locale.ROOT, dialect.unknownCurrency(), code));
    return Optional.empty();
  }

  /** The fields of one JSON object, read by name with their problems reported to this reader. */
  public final class Fields {
    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path) {
      this.node = node;
      this.path = path;
    }

    /** Where the object is. */
    public String path() {
      return path;
    }

    /** Where its field {@code field} is. */
    public String at(String field) {
      return dialect.paths().member(path, field);
    }

    /** The field {@code field}, read by {@code reader}; its absence is a problem. */
    public <T> Optional<T> required(String field, ValueReader<T> reader) {
      JsonNode value = node.get(field);
      if (value == null) {
        problem(at(field), dialect.missing());
        return Optional.empty();
      }
      if (value.isNull() && dialect.nullIsMissing()) {
        problem(at(field), dialect.missing() + ", got null");
        return Optional.empty();
      }
      return reader.read(value, at(field));
    }

    /** The field {@code field}, read by {@code reader}; empty both when it is absent and when it is wrong. */
    public <T> Optional<T> optional(String field, ValueReader<T> reader) {
      return given(field) ? reader.read(node.get(field), at(field)) : Optional.empty();
    }

    /** The field {@code field}, read by {@code reader}, or {@code absent} when it is not given. */
    public <T> Optional<T> optional(String field, ValueReader<T> reader, T absent) {
      return given(field) ? reader.read(node.get(field), at(field)) : Optional.of(absent);
    }

    private boolean given(String field) {
      JsonNode value = node.get(field);
      // Producers often write null for an empty optional; whether that means "not given" is the dialect's call.
      return value != null && !(value.isNull() && dialect.nullIsMissing());
    }

    /**
     * Reports every field outside {@code known}, most likely a typo, at its path with the problem
     * {@code message} gives for its name.
     */
    public void rejectUnknown(List<String> known, Function<String, String> message) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!known.contains(name)) {
          problem(at(name), message.apply(name));
        }
      }
    }
  }
}
