package dev.loyalty.core.json.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loyalty.core.InputProblem;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How one JSON format words the problems every reader finds, and names the places they are at.
 * The activity and the program formats were designed apart and their documentation shows their
 * problems word for word, so where they differ the difference is a component here instead of a
 * second copy of the reading code. Immutable and thread-safe.
 *
 * @param paths                how fields are named in paths
 * @param typeMismatch         how a value of the wrong JSON type is reported
 * @param missing              the problem of a required field that is absent ("is required")
 * @param nullIsMissing        whether {@code null} counts as absent (a required field then reports
 *                             {@code missing + ", got null"}); otherwise it is a value of the wrong type
 * @param decimal              what a decimal number is, for {@link #typeMismatch}
 * @param maxDecimalDigits     the most digits a decimal may have before and after the point, if any
 * @param unknownCurrency      the problem of an unknown currency code, with {@code %s} for the code
 * @param lenientCurrencyCodes whether a code is whatever {@link java.util.Currency#getInstance(String)}
 *                             takes, which includes a few with a lower-case last letter ("EUr"),
 *                             instead of only three upper-case letters
 * @param rewordsJackson       whether Jackson's description of malformed JSON is put in the document
 *                             author's terms (see {@link #malformed}) instead of passed on as it is
 */
public record Dialect(JsonPaths paths, TypeMismatch typeMismatch, String missing, boolean nullIsMissing,
    String decimal, OptionalInt maxDecimalDigits, String unknownCurrency, boolean lenientCurrencyCodes,
    boolean rewordsJackson) {

  /**
   * How the definition formats a person writes and loads whole (programs in docs/PROGRAM.md, reward
   * catalogs in docs/REWARDS.md) word their problems.
   */
  public static final Dialect DEFINITION = new Dialect(
      JsonPaths.PLAIN_OR_DOLLAR,
      TypeMismatch.EXPECTED,
      "required field is missing",
      false, // null is a value of the wrong type, even for an optional field
      "a decimal number (a JSON number or a string)",
      OptionalInt.of(100), // "1E-999999999" must not become a billion-character string
      "unknown currency code '%s'; expected an ISO 4217 code such as INR or USD",
      false, // three capital letters: Currency.getInstance alone would take "EUr"
      true); // Jackson's description of malformed JSON put in the author's terms

  private static final Pattern JACKSON_LOCATION =
      Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  /** Checks that no component is null. */
  public Dialect {
    requireNonNull(paths, "paths");
    requireNonNull(typeMismatch, "typeMismatch");
    requireNonNull(missing, "missing");
    requireNonNull(decimal, "decimal");
    requireNonNull(maxDecimalDigits, "maxDecimalDigits");
    requireNonNull(unknownCurrency, "unknownCurrency");
  }

  /** The two ways of saying that a value has the wrong JSON type. */
  public enum TypeMismatch {
    /** {@code must be a string, got number}. */
    MUST_BE {
      @Override
      String message(String expected, JsonNode got) {
        return "must be " + expected + ", got " + typeName(got);
      }
    },
    /** {@code expected a string, got a number}. */
    EXPECTED {
      @Override
      String message(String expected, JsonNode got) {
        String name = switch (got.getNodeType()) {
          case OBJECT -> "an object";
          case ARRAY -> "an array";
          case STRING -> "a string";
          case NUMBER -> "a number";
          case BOOLEAN -> "a boolean";
          default -> typeName(got);
        };
        return "expected " + expected + ", got " + name;
      }
    };

    abstract String message(String expected, JsonNode got);

    private static String typeName(JsonNode node) {
      return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The one problem a syntax error makes, at {@code $}: the rest of the text cannot be trusted.
   *
   * @param firstLine the line of the surrounding input the text starts on, so that a syntax error
   *                  in line 7 of a JSON Lines file says "line 7"
   */
  public InputProblem malformed(JsonProcessingException e, int firstLine) {
    String what = Optional.ofNullable(e.getOriginalMessage()).filter(m -> !m.isBlank()).orElse("unreadable");
    if (rewordsJackson) {
      what = reworded(what);
    }
    JsonLocation at = e.getLocation();
    if (at == null || at.getLineNr() < 1) {
      return new InputProblem(JsonPaths.ROOT, "malformed JSON: " + what);
    }
    return new InputProblem(JsonPaths.ROOT, "malformed JSON at line " + (firstLine - 1 + at.getLineNr()) + ", column "
        + at.getColumnNr() + ": " + what);
  }

  private static String reworded(String jackson) {
    // Jackson words this one in terms of its own settings, which mean nothing to the document's author.
    if (jackson.startsWith("Trailing token")) {
      return "more content after the end of the document's top-level value";
    }
    // Jackson's own text may point at a start marker as "[Source: ...; line: 1, column: 1]".
    return JACKSON_LOCATION.matcher(jackson)
        .replaceAll("line $1, column $2")
        .replaceAll("\\s*\\R\\s*", " ");
  }
}
