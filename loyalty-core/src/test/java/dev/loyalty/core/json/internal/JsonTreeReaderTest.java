package dev.loyalty.core.json.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loyalty.core.InputProblem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The walking both format readers share, on its own. The formats' own tests pin their exact
 * wording; these pin what a {@link Dialect} switches and the rules every dialect has.
 */
class JsonTreeReaderTest {

  private static final Dialect STRICT = new Dialect(JsonPaths.PLAIN, Dialect.TypeMismatch.MUST_BE, "is required",
      true, "a decimal", OptionalInt.of(5), "unknown currency '%s'", false, false);
  private static final Dialect LENIENT = new Dialect(JsonPaths.PLAIN_OR_DOLLAR, Dialect.TypeMismatch.EXPECTED,
      "required field is missing", false, "a decimal", OptionalInt.empty(), "unknown currency code '%s'", true, true);

  private static JsonNode tree(String json) {
    try {
      return JsonTreeReader.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonTreeReader.Fields fields(JsonTreeReader reader, String json) {
    return reader.object(tree(json), JsonPaths.ROOT, "an object").orElseThrow();
  }

  private record Pair(String a, long b) {
    Pair {
      if (a.equals(String.valueOf(b))) {
        throw new IllegalArgumentException("a must differ from b");
      }
    }
  }

  @Test
  void record_isBuiltOnlyWhenItsFieldsHadNoProblem_andItsRefusalIsAProblemAtTheObject() {
    JsonTreeReader reader = new JsonTreeReader(STRICT);
    var pair = reader.<Pair>record(f -> {
      Optional<String> a = f.required("a", reader::nonBlank);
      Optional<Long> b = f.required("b", (n, p) -> reader.inRange(n.asLong(), p, 0, 9));
      return () -> new Pair(a.orElseThrow(), b.orElseThrow());
    });

    assertThat(pair.apply(fields(reader, "{\"a\":\"x\",\"b\":3}"))).contains(new Pair("x", 3));
    assertThat(pair.apply(fields(reader, "{\"a\":\" \",\"b\":30}"))).isEmpty();
    assertThat(pair.apply(fields(reader, "{\"a\":\"3\",\"b\":3}"))).isEmpty();
    assertThat(reader.problems()).containsExactly(
        new InputProblem("$.a", "must not be blank"),
        new InputProblem("$.b", "must be from 0 to 9, got 30"),
        new InputProblem("$", "a must differ from b"));
  }

  @Test
  void arrayOf_readsEveryElement_andIsEmptyIfAnyHadAProblem() {
    JsonTreeReader reader = new JsonTreeReader(STRICT);

    assertThat(reader.arrayOf(reader::nonBlank).read(tree("[\"a\",1,\"\"]"), "$.x")).isEmpty();
    assertThat(reader.arrayOf(reader::nonBlank).read(tree("[\"a\",\"b\"]"), "$.y")).contains(List.of("a", "b"));
    assertThat(reader.problems()).containsExactly(
        new InputProblem("$.x[1]", "must be a string, got number"),
        new InputProblem("$.x[2]", "must not be blank"));
  }

  @Test
  void null_isAbsentOrAWrongType_asTheDialectSays() {
    JsonTreeReader strict = new JsonTreeReader(STRICT);
    JsonTreeReader lenient = new JsonTreeReader(LENIENT);
    String json = "{\"given\":null}";

    assertThat(fields(strict, json).optional("given", strict::text, "default")).contains("default");
    assertThat(fields(strict, json).required("given", strict::text)).isEmpty();
    assertThat(fields(lenient, json).optional("given", lenient::text, "default")).isEmpty();
    assertThat(fields(lenient, json).required("absent", lenient::text)).isEmpty();
    assertThat(strict.problems()).containsExactly(new InputProblem("$.given", "is required, got null"));
    assertThat(lenient.problems()).containsExactly(
        new InputProblem("$.given", "expected a string, got null"),
        new InputProblem("$.absent", "required field is missing"));
  }

  @Test
  void unknownFields_areReportedAtTheirPath_quotedWhenNoPlainName() {
    JsonTreeReader strict = new JsonTreeReader(STRICT);
    JsonTreeReader lenient = new JsonTreeReader(LENIENT);
    String json = "{\"known\":1,\"a$b\":2,\"it's\":3}";

    fields(strict, json).rejectUnknown(List.of("known"), name -> "unknown");
    fields(lenient, json).rejectUnknown(List.of("known"), name -> "unknown");

    assertThat(strict.problems()).extracting(InputProblem::path).containsExactly("$['a$b']", "$['it\\'s']");
    assertThat(lenient.problems()).extracting(InputProblem::path).containsExactly("$.a$b", "$['it\\'s']");
  }

  @Test
  void decimals_areExact_andLimitedInDigitsWhereTheDialectSays() {
    JsonTreeReader strict = new JsonTreeReader(STRICT);
    JsonTreeReader lenient = new JsonTreeReader(LENIENT);

    assertThat(strict.decimal(tree("1.50"), "$")).contains(new BigDecimal("1.50"));
    assertThat(strict.decimal(tree("\"123456.7\""), "$")).isEmpty();
    assertThat(lenient.decimal(tree("\"123456.7\""), "$")).contains(new BigDecimal("123456.7"));
    assertThat(strict.problems()).containsExactly(
        new InputProblem("$", "is out of range: at most 5 digits before and after the point"));
  }

  @Test
  void currencies_areThreeUpperCaseLetters_unlessTheDialectTakesWhatTheJdkTakes() {
    JsonTreeReader strict = new JsonTreeReader(STRICT);
    JsonTreeReader lenient = new JsonTreeReader(LENIENT);

    assertThat(strict.currency("EUr", "$.c")).isEmpty();
    assertThat(lenient.currency("EUr", "$.c")).isPresent();
    assertThat(lenient.currency("EURO", "$.c")).isEmpty();
    assertThat(strict.problems()).containsExactly(new InputProblem("$.c", "unknown currency 'EUr'"));
    assertThat(lenient.problems()).containsExactly(new InputProblem("$.c", "unknown currency code 'EURO'"));
  }

  @Test
  void malformedJson_namesTheLineInTheSurroundingInput_rewordedWhereTheDialectSays() {
    JsonProcessingException trailing = catchThrowableOfType(JsonProcessingException.class,
        () -> JsonTreeReader.MAPPER.readTree("{} {}"));

    assertThat(STRICT.malformed(trailing, 7).message()).startsWith("malformed JSON at line 7, column 4: Trailing token");
    assertThat(LENIENT.malformed(trailing, 1)).isEqualTo(new InputProblem("$",
        "malformed JSON at line 1, column 4: more content after the end of the document's top-level value"));
  }
}
