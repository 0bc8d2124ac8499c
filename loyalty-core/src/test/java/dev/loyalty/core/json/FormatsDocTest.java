package dev.loyalty.core.json;

import dev.loyalty.core.InputProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyalty.core.activity.Activity;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every example in docs/FORMATS.md is read here, the invalid ones must give exactly the problems
 * printed after them, so the page cannot drift from the code.
 */
class FormatsDocTest {

  /** Surefire runs in the module directory; the docs are beside it. */
  private static final Path FORMATS = Path.of("..", "docs", "FORMATS.md");
  private static final Set<String> KNOWN_INFO = Set.of("json", "jsonl", "json invalid", "jsonl invalid", "jsonl import", "text",
      "java");
  private static final Pattern TABLE_FIELD = Pattern.compile("^\\| `([A-Za-z]+)` \\|", Pattern.MULTILINE);

  private static String page;
  private static List<Block> blocks;

  /** A fenced block: its info string ("json"), its text and the line of its opening fence. */
  record Block(String info, String text, int line) {
  }

  @BeforeAll
  static void readThePage() throws IOException {
    page = Files.readString(FORMATS, StandardCharsets.UTF_8);
    blocks = new ArrayList<>();
    String[] lines = page.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("```")) {
        String info = lines[i].substring(3).strip();
        int opening = i;
        StringBuilder text = new StringBuilder();
        for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
          text.append(lines[i]).append('\n');
        }
        assertThat(i).as("block at line %d is not closed", opening + 1).isLessThan(lines.length);
        blocks.add(new Block(info, text.toString(), opening + 1));
      }
    }
  }

  private static List<Block> blocks(String info) {
    return blocks.stream().filter(b -> b.info().equals(info)).toList();
  }

  @Test
  void everyBlockHasAKnownLanguage() {
    // An example tagged ```js or left untagged would escape the checks below.
    assertThat(blocks).isNotEmpty().allSatisfy(b -> assertThat(KNOWN_INFO)
        .as("info string of the block at line %d", b.line()).contains(b.info()));
  }

  @Test
  void everyJsonExample_parses() {
    assertThat(blocks("json")).hasSizeGreaterThanOrEqualTo(8).allSatisfy(b -> assertThatCode(
        () -> ActivityJson.parse(b.text())).as("the example at line %d", b.line()).doesNotThrowAnyException());
  }

  @Test
  void everyJsonLinesExample_parsesLineByLine() {
    assertThat(blocks("jsonl")).isNotEmpty().allSatisfy(b -> {
      List<ParsedLine> parsed = ActivityLines.parse(new StringReader(b.text()));
      assertThat(parsed).as("the example at line %d", b.line()).isNotEmpty()
          .allSatisfy(line -> assertThat(line.problems()).as("line %d of the example at line %d",
              line.lineNumber(), b.line()).isEmpty());
    });
  }

  @Test
  void everyTypeHasAnExample() {
    Set<String> kinds = new TreeSet<>();
    blocks("json").forEach(b -> kinds.add(ActivityJson.parse(b.text()).kind()));

    assertThat(kinds).containsExactlyInAnyOrder("sale", "return", "training", "certification", "referral",
        "sell-through", "report", "custom");
  }

  @Test
  void theWrittenFormShown_isWhatWriteGives() {
    Activity firstSale = ActivityJson.parse(blocks("json").get(0).text());

    assertThat(blocks("json")).extracting(b -> b.text().strip()).contains(ActivityJson.write(firstSale));
  }

  @Test
  void invalidJsonExamples_giveTheProblemsPrintedAfterThem() {
    assertThat(blocks("json invalid")).isNotEmpty().allSatisfy(b -> {
      ActivityFormatException e = catchThrowableOfType(ActivityFormatException.class,
          () -> ActivityJson.parse(b.text()));
      assertThat(e).as("the invalid example at line %d is refused", b.line()).isNotNull();
      assertThat(e.problems()).extracting(InputProblem::toString).as("the problems printed after line %d", b.line())
          .isEqualTo(expectedAfter(b));
    });
  }

  @Test
  void invalidJsonLinesExamples_giveTheProblemsPrintedAfterThem() {
    assertThat(blocks("jsonl invalid")).isNotEmpty().allSatisfy(b -> {
      List<String> reported = new ArrayList<>();
      for (ParsedLine line : ActivityLines.parse(new StringReader(b.text()))) {
        line.problems().forEach(p -> reported.add("line " + line.lineNumber() + ": " + p));
      }
      assertThat(reported).as("the problems printed after line %d", b.line()).isEqualTo(expectedAfter(b));
    });
  }

  @Test
  void everyFieldInTheExamples_isInAFieldTable() throws IOException {
    Set<String> documented = new TreeSet<>();
    Matcher matcher = TABLE_FIELD.matcher(page);
    while (matcher.find()) {
      documented.add(matcher.group(1));
    }
    Set<String> used = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    for (Block b : blocks("json")) {
      collectFieldNames(json.readTree(b.text()), used);
    }

    assertThat(documented).containsAll(used);
  }

  private static void collectFieldNames(JsonNode node, Set<String> names) {
    if (node.isArray()) {
      node.forEach(element -> collectFieldNames(element, names));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      names.add(name);
      if (!name.equals("attributes")) {   // attribute names are the program's, not the format's
        collectFieldNames(node.get(name), names);
      }
    }
  }

  private static List<String> expectedAfter(Block invalid) {
    int next = blocks.indexOf(invalid) + 1;
    assertThat(next).as("a text block follows the invalid example at line %d", invalid.line())
        .isLessThan(blocks.size());
    Block expected = blocks.get(next);
    assertThat(expected.info()).as("the block after line %d", invalid.line()).isEqualTo("text");
    return expected.text().lines().filter(l -> !l.isBlank()).toList();
  }
}
