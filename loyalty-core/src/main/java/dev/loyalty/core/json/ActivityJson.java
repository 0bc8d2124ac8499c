package dev.loyalty.core.json;

import dev.loyalty.core.InputProblem;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.json.internal.JsonPaths;
import dev.loyalty.core.json.internal.JsonTreeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes activities as JSON, in the format of {@code docs/FORMATS.md}. Thread-safe
 * (it has no state); nothing it returns is null.
 *
 * <pre>{@code
 * Activity sale = ActivityJson.parse(json);        // ActivityFormatException lists every problem
 * String line = ActivityJson.write(sale);          // one line, fields in a fixed order
 * assert ActivityJson.parse(line).equals(sale);
 * }</pre>
 *
 * <p>For a JSON Lines file use {@link ActivityLines}.
 */
public final class ActivityJson {
  private ActivityJson() {
  }

  /**
   * The activity in {@code json}, a single JSON object.
   *
   * @throws ActivityFormatException with every problem found (malformed JSON is one problem naming
   *                                 the line and column); never an {@link IllegalArgumentException}
   */
  public static Activity parse(String json) {
    return ActivityTreeReader.parse(json, 1).orElseThrow();
  }

  /**
   * The activities in {@code json}, a JSON array of activity objects, each read on its own: the
   * result has one {@link ParsedLine} per array element, in array order (the list index is the
   * element index), whose {@link ParsedLine#lineNumber() line number} is the line of {@code json}
   * the element starts on and whose problem paths start with the element's index, as in
   * {@code $[3].lines[0].quantity}. An empty array gives an empty list.
   *
   * @throws ActivityFormatException if {@code json} is not an array or is malformed JSON, since no
   *                                 element can then be trusted
   */
  public static List<ParsedLine> parseArray(String json) {
    requireNonNull(json, "json");
    List<ParsedLine> results = new ArrayList<>();
    try (JsonParser parser = JsonTreeReader.MAPPER.createParser(json)) {
      JsonToken start = parser.nextToken();
      if (start != JsonToken.START_ARRAY) {
        throw new ActivityFormatException("invalid activity array",
            List.of(new InputProblem(JsonPaths.ROOT, "must be an array of activities, got " + describe(start))));
      }
      for (int index = 0; ; index++) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
          break;
        }
        if (token == null) {
          throw new ActivityFormatException("invalid activity array",
              List.of(new InputProblem(JsonPaths.ROOT, "malformed JSON: the array is not closed")));
        }
        int line = Math.max(1, parser.currentTokenLocation().getLineNr());
        JsonNode read = ActivityTreeReader.ELEMENT_READER.readTree(parser);
        JsonNode element = read == null ? NullNode.instance : read;
        results.add(ActivityTreeReader.read(element, JsonPaths.index(JsonPaths.ROOT, index)).toParsedLine(line));
      }
      if (parser.nextToken() != null) {
        throw new ActivityFormatException("invalid activity array",
            List.of(new InputProblem(JsonPaths.ROOT, "unexpected content after the array, at line "
                + parser.currentTokenLocation().getLineNr() + ", column "
                + parser.currentTokenLocation().getColumnNr())));
      }
    } catch (JsonProcessingException e) {
      throw new ActivityFormatException("invalid activity array",
          List.of(ActivityTreeReader.DIALECT.malformed(e, 1)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading a String failed, which it cannot", e);
    }
    return List.copyOf(results);
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
    };
  }

  /**
   * {@code activity} as compact JSON on one line, fields in the order docs/FORMATS.md lists them,
   * decimals as strings that keep their scale, the instant in UTC. {@code parse(write(a))} equals
   * {@code a} for every activity.
   */
  public static String write(Activity activity) {
    return ActivityWriter.write(requireNonNull(activity, "activity"));
  }
}
