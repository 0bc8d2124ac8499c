package dev.loyalty.core.json;

import dev.loyalty.core.InputProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.TrainingCompleted;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** JSON Lines files and JSON arrays: one result per activity, bad ones with their line. */
class ActivityLinesTest {

  private static String training(String id) {
    return "{\"type\":\"training\",\"id\":\"" + id + "\",\"partner\":\"dealer-1\","
        + "\"occurredAt\":\"2026-07-14T04:45:00Z\",\"course\":\"LED-101\"}";
  }

  private static Activity expected(String id) {
    return new TrainingCompleted(ActivityHeader.of(id, "dealer-1", Instant.parse("2026-07-14T04:45:00Z")), "LED-101");
  }

  private static List<ParsedLine> parse(String text) {
    return ActivityLines.parse(new StringReader(text));
  }

  @Test
  void parse_givesOneResultPerLineInOrder() {
    List<ParsedLine> lines = parse(training("T-1") + "\n" + training("T-2") + "\n");

    assertThat(lines).containsExactly(ParsedLine.valid(1, expected("T-1")), ParsedLine.valid(2, expected("T-2")));
  }

  @Test
  void parse_reportsAMalformedLineWithItsNumberWhileTheOthersParse() {
    String text = training("T-1") + "\n"
        + "{\"type\":\"training\",\"id\":\"T-2\",\n"
        + training("T-3") + "\n";

    List<ParsedLine> lines = parse(text);

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).activity()).contains(expected("T-1"));
    assertThat(lines.get(1).lineNumber()).isEqualTo(2);
    assertThat(lines.get(1).activity()).isEmpty();
    assertThat(lines.get(1).problems()).singleElement().satisfies(problem -> {
      assertThat(problem.path()).isEqualTo("$");
      assertThat(problem.message()).startsWith("malformed JSON at line 2, column ");
    });
    assertThat(lines.get(2).activity()).contains(expected("T-3"));
  }

  @Test
  void parse_reportsAnInvalidActivityWithItsNumberAndPaths() {
    String text = training("T-1") + "\n" + training("T-2").replace("\"LED-101\"", "7") + "\n";

    ParsedLine bad = parse(text).get(1);

    assertThat(bad).isEqualTo(ParsedLine.invalid(2, List.of(new InputProblem("$.course", "must be a string, got number"))));
    assertThat(bad.isValid()).isFalse();
  }

  @Test
  void parse_skipsBlankAndCommentLinesButCountsThem() {
    String text = "# exported 2026-07-15 from the DMS\n"
        + "\n"
        + "   \n"
        + training("T-1") + "\n"
        + "  # a comment after spaces\n"
        + "\t\n"
        + "{broken\n";

    List<ParsedLine> lines = parse(text);

    assertThat(lines).extracting(ParsedLine::lineNumber).containsExactly(4, 7);
    assertThat(lines.get(0).activity()).contains(expected("T-1"));
    assertThat(lines.get(1).problems().get(0).message()).startsWith("malformed JSON at line 7, column ");
  }

  @Test
  void parse_countsCrlfLinesExactly() {
    String text = "# header\r\n\r\n" + training("T-1") + "\r\n{bad\r\n" + training("T-2") + "\r\n";

    List<ParsedLine> lines = parse(text);

    assertThat(lines).extracting(ParsedLine::lineNumber).containsExactly(3, 4, 5);
    assertThat(lines.get(0).activity()).contains(expected("T-1"));
    assertThat(lines.get(1).problems().get(0).message()).startsWith("malformed JSON at line 4, column 2");
    assertThat(lines.get(2).activity()).contains(expected("T-2"));
  }

  @Test
  void parse_countsOnlyNewlinesAsLineEnds() {
    // A lone CR is whitespace inside JSON; counting it as a line end would shift every later line.
    String text = "{\"type\":\"training\",\r\"id\":\"T-1\",\"partner\":\"dealer-1\","
        + "\"occurredAt\":\"2026-07-14T04:45:00Z\",\"course\":\"LED-101\"}\n{bad\n";

    List<ParsedLine> lines = parse(text);

    assertThat(lines).extracting(ParsedLine::lineNumber).containsExactly(1, 2);
    assertThat(lines.get(0).activity()).contains(expected("T-1"));
  }

  @Test
  void parse_readsALastLineWithoutNewline() {
    assertThat(parse("\n" + training("T-1"))).containsExactly(ParsedLine.valid(2, expected("T-1")));
  }

  @Test
  void parse_ignoresAByteOrderMark() {
    assertThat(parse("\uFEFF" + training("T-1") + "\r\n")).containsExactly(ParsedLine.valid(1, expected("T-1")));
  }

  @Test
  void parse_ofNothingIsEmpty() {
    assertThat(parse("")).isEmpty();
    assertThat(parse("\n\n# only comments\n")).isEmpty();
  }

  @Test
  void parse_refusesALineTooLongButReadsTheNext() {
    String huge = "{\"type\":\"training\",\"course\":\"" + "x".repeat(ActivityLines.MAX_LINE_LENGTH) + "\"}";

    List<ParsedLine> lines = parse(huge + "\n" + training("T-2") + "\n");

    assertThat(lines.get(0).lineNumber()).isEqualTo(1);
    assertThat(lines.get(0).problems().get(0).message()).contains("line is longer than 1048576 characters");
    assertThat(lines.get(1)).isEqualTo(ParsedLine.valid(2, expected("T-2")));
  }

  @Test
  void parse_acceptsALineOfExactlyTheLongestLengthFollowedByCrlf() {
    String padded = training("T-1") + " ".repeat(ActivityLines.MAX_LINE_LENGTH - training("T-1").length());

    assertThat(parse(padded + "\r\n")).containsExactly(ParsedLine.valid(1, expected("T-1")));
  }

  @Test
  void forEach_streamsAFileMuchLargerThanItsBuffer() {
    int count = 20_000;
    Reader generated = new Reader() {
      private final StringBuilder pending = new StringBuilder();
      private int written;

      @Override
      public int read(char[] target, int offset, int length) {
        if (pending.length() == 0) {
          if (written == count) {
            return -1;
          }
          written++;
          pending.append(training("T-" + written)).append(written % 2 == 0 ? "\r\n" : "\n");
        }
        int n = Math.min(length, pending.length());
        pending.getChars(0, n, target, offset);
        pending.delete(0, n);
        return n;
      }

      @Override
      public void close() {
      }
    };
    List<Integer> lineNumbers = new ArrayList<>();
    int[] valid = {0};

    ActivityLines.forEach(generated, line -> {
      lineNumbers.add(line.lineNumber());
      if (line.isValid()) {
        valid[0]++;
      }
    });

    assertThat(valid[0]).isEqualTo(count);
    assertThat(lineNumbers).hasSize(count).endsWith(count);
  }

  @Test
  void forEach_turnsAReadFailureIntoAnUncheckedIoException() {
    Reader failing = new Reader() {
      @Override
      public int read(char[] target, int offset, int length) throws IOException {
        throw new IOException("disk gone");
      }

      @Override
      public void close() {
      }
    };

    assertThatThrownBy(() -> ActivityLines.forEach(failing, line -> { }))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("after line 0");
  }

  @Test
  void orElseThrow_namesTheLine() {
    ParsedLine bad = parse("\n{\"type\":\"x\"}\n").get(0);

    ActivityFormatException e = catchThrowableOfType(ActivityFormatException.class, bad::orElseThrow);

    assertThat(e.getMessage()).startsWith("invalid activity on line 2: $.type: unknown type 'x'");
  }

  @Test
  void parsedLine_refusesBothOrNeither() {
    assertThatThrownBy(() -> new ParsedLine(1, Optional.empty(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ParsedLine(1, Optional.of(expected("T")), List.of(new InputProblem("$", "x"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParsedLine.valid(0, expected("T"))).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- JSON arrays ----

  @Test
  void parseArray_givesOneResultPerElementWithItsStartLine() {
    String json = "[\n  " + training("T-1") + ",\n  " + training("T-2").replace("dealer-1", "") + ",\n"
        + "  null,\n  " + training("T-4") + "\n]";

    List<ParsedLine> results = ActivityJson.parseArray(json);

    assertThat(results).hasSize(4);
    assertThat(results.get(0)).isEqualTo(ParsedLine.valid(2, expected("T-1")));
    assertThat(results.get(1)).isEqualTo(ParsedLine.invalid(3, List.of(new InputProblem("$[1].partner", "must not be blank"))));
    assertThat(results.get(2).lineNumber()).isEqualTo(4);
    assertThat(results.get(2).problems()).extracting(InputProblem::path).containsExactly("$[2]");
    assertThat(results.get(3)).isEqualTo(ParsedLine.valid(5, expected("T-4")));
  }

  @Test
  void parseArray_ofAnEmptyArrayIsEmpty() {
    assertThat(ActivityJson.parseArray(" [ ] ")).isEmpty();
  }

  @Test
  void parseArray_refusesAnythingButAnArray() {
    ActivityFormatException e = catchThrowableOfType(ActivityFormatException.class,
        () -> ActivityJson.parseArray(training("T-1")));

    assertThat(e.problems()).containsExactly(new InputProblem("$", "must be an array of activities, got an object"));
  }

  @Test
  void parseArray_refusesMalformedJsonAsAWhole() {
    ActivityFormatException e = catchThrowableOfType(ActivityFormatException.class,
        () -> ActivityJson.parseArray("[\n" + training("T-1") + ",\n{\"type\": }\n]"));

    assertThat(e.problems()).singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("malformed JSON at line 3, column "));
  }

  @Test
  void parseArray_refusesAnUnclosedArrayAndContentAfterIt() {
    assertThatThrownBy(() -> ActivityJson.parseArray("[" + training("T-1")))
        .isInstanceOf(ActivityFormatException.class).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> ActivityJson.parseArray("[]\n{}"))
        .isInstanceOf(ActivityFormatException.class).hasMessageContaining("unexpected content after the array");
  }
}
