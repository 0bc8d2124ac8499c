package dev.loyalty.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.activity.Activity;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Properties over random valid activities of every kind. */
@PropertyDefaults(tries = 500)
class ActivityJsonRoundTripTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Provide
  Arbitrary<Activity> activities() {
    return ActivityArbitraries.activities();
  }

  @Provide
  Arbitrary<List<Activity>> activityLists() {
    return ActivityArbitraries.activities().list().ofMaxSize(8);
  }

  @Property
  void parseOfWrite_givesTheSameActivity(@ForAll("activities") Activity activity) {
    Statistics.collect(activity.kind());

    String json = ActivityJson.write(activity);

    assertThat(ActivityJson.parse(json)).isEqualTo(activity);
  }

  @Property
  void write_isOneStableLine(@ForAll("activities") Activity activity) {
    String json = ActivityJson.write(activity);

    assertThat(json).doesNotContain("\n", "\r");
    assertThat(ActivityJson.write(ActivityJson.parse(json))).isEqualTo(json);
  }

  @Property(tries = 100)
  void jsonLinesOfWrittenActivities_readBackWithTheirLineNumbers(
      @ForAll("activityLists") List<Activity> activities, @ForAll boolean crlf,
      @ForAll boolean comments) {
    String newline = crlf ? "\r\n" : "\n";
    StringBuilder file = new StringBuilder();
    List<Integer> expectedLines = new ArrayList<>();
    int line = 0;
    for (Activity activity : activities) {
      if (comments) {
        file.append("# next: ").append(activity.kind()).append(newline).append(newline);
        line += 2;
      }
      file.append(ActivityJson.write(activity)).append(newline);
      expectedLines.add(++line);
    }

    List<ParsedLine> parsed = ActivityLines.parse(new StringReader(file.toString()));

    assertThat(parsed).extracting(ParsedLine::lineNumber).isEqualTo(expectedLines);
    assertThat(parsed).extracting(p -> p.activity().orElseThrow()).isEqualTo(activities);
  }

  /**
   * Damaging one value of a valid activity gives either an activity or problems, never another
   * exception: the records' IllegalArgumentExceptions must all be caught.
   */
  @Property(tries = 1000)
  void damagedActivity_failsOnlyWithProblems(@ForAll("activities") Activity activity,
      @ForAll @IntRange(min = 0, max = 1000) int where, @ForAll("damage") JsonNode replacement,
      @ForAll boolean remove) throws Exception {
    JsonNode tree = JSON.readTree(ActivityJson.write(activity));
    List<Consumer<JsonNode>> edits = new ArrayList<>();
    collectEdits(tree, edits, remove);
    edits.get(where % edits.size()).accept(replacement);
    String damaged = JSON.writeValueAsString(tree);

    Throwable thrown = catchThrowable(() -> ActivityJson.parse(damaged));

    if (thrown != null) {
      assertThat(thrown).isInstanceOf(ActivityFormatException.class);
      assertThat(((ActivityFormatException) thrown).problems()).isNotEmpty()
          .allSatisfy(p -> assertThat(p.path()).startsWith("$"));
      Statistics.collect("refused");
    } else {
      Statistics.collect("still valid");
    }
  }

  @Property(tries = 1000)
  void anyText_failsOnlyWithProblems(@ForAll("garbage") String text) {
    Throwable thrown = catchThrowable(() -> ActivityJson.parse(text));

    assertThat(thrown).isInstanceOf(ActivityFormatException.class);
  }

  @Provide
  Arbitrary<JsonNode> damage() {
    return Arbitraries.of("null", "\"\"", "\" \"", "0", "-1", "1.5", "-0.01", "1e400", "\"1E-999999999\"",
        "99999999999999999999", "true", "[]", "{}", "[{}]", "{\"date\":\"2026-02-30\"}", "\"2026-13\"",
        "\"2026-07-14T10:15\"", "\"XYZ\"", "\"sale\"", "\"custom\"", "\"Demo Type\"", "\"" + "x".repeat(201) + "\"")
        .map(text -> {
          try {
            return JSON.readTree(text);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.oneOf(List.of(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("{}[]\":,01-.eE tnrufalse").ofMaxLength(40),
        Arbitraries.of("{\"type\":\"sale\",\"lines\":[null,1,\"x\",[],{}]}",
            "{\"type\":\"custom\",\"attributes\":{\"a\":null,\"b\":{},\"c\":{\"date\":1}}}")));
  }

  /** Every way to damage the tree at one place: replace a value, or remove a field, or add a stray one. */
  private static void collectEdits(JsonNode node, List<Consumer<JsonNode>> edits, boolean remove) {
    if (node instanceof ObjectNode object) {
      edits.add(value -> object.set("unexpected", value));
      for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        edits.add(remove ? value -> object.remove(name) : value -> object.set(name, value));
        collectEdits(object.get(name), edits, remove);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        int index = i;
        edits.add(value -> array.set(index, value));
        collectEdits(array.get(i), edits, remove);
      }
    }
  }
}
