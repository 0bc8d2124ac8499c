package dev.loyalty.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.model.ActivityId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The import example of docs/FORMATS.md, line by line, importing twice, and files that go wrong. */
class ActivityImportTest {
  private static final Path FORMATS = Path.of("..", "docs", "FORMATS.md");

  private final ChannelFixture f = new ChannelFixture(Instant.parse("2026-07-10T00:00:00Z"));

  /** The text of the fenced block whose info string is {@code info}, and of the block after it. */
  private static List<String> blockAndNext(String info) throws IOException {
    List<String> lines = Files.readAllLines(FORMATS);
    List<String> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size() && blocks.size() < 2; i++) {
      if (lines.get(i).equals("```" + info) || (!blocks.isEmpty() && lines.get(i).startsWith("```")
          && !lines.get(i).equals("```"))) {
        StringBuilder text = new StringBuilder();
        for (i++; !lines.get(i).equals("```"); i++) {
          text.append(lines.get(i)).append('\n');
        }
        blocks.add(text.toString());
      }
    }
    return blocks;
  }

  private static String describe(ImportResult r) {
    String head = "line " + r.lineNumber() + ": " + r.outcome() + r.activity().map(id -> " " + id).orElse("");
    if (!r.problems().isEmpty()) {
      return head + ": " + r.problems().stream().map(InputProblem::toString).collect(Collectors.joining("; "));
    }
    return head + ", " + r.receipt().orElseThrow().totalPoints() + " points";
  }

  @Test
  void theDocumentedImportGivesTheDocumentedReport() throws IOException {
    List<String> blocks = blockAndNext("jsonl import");
    assertThat(blocks).hasSize(2);
    List<String> described = new ArrayList<>();

    ImportReport report = ActivityImport.into(f.engine).onResult(r -> described.add(describe(r)))
        .jsonLines(new ByteArrayInputStream(blocks.get(0).getBytes(StandardCharsets.UTF_8)));

    described.add(report.summary());
    assertThat(described).containsExactlyElementsOf(blocks.get(1).lines().toList());
    assertThat(report.failures()).extracting(ImportResult::lineNumber).containsExactly(2, 3, 5);
  }

  @Test
  void badLinesChangeNothingAndASecondImportRecordsNothingNew() throws IOException {
    String file = blockAndNext("jsonl import").get(0);
    ActivityImport.into(f.engine).jsonLines(new StringReader(file));
    var balances = f.ledger.trialBalance();
    long dealer = f.engine.balance(ChannelFixture.DEALERS.get(0)).posted();

    ImportReport again = ActivityImport.into(f.engine).jsonLines(new StringReader(file));

    assertThat(again.count(ImportResult.Outcome.RECORDED)).isZero();
    assertThat(again.count(ImportResult.Outcome.ALREADY_RECORDED)).isEqualTo(3);
    assertThat(again.failures()).extracting(ImportResult::lineNumber).containsExactly(2, 3, 5);
    assertThat(f.ledger.trialBalance()).isEqualTo(balances);
    assertThat(f.engine.balance(ChannelFixture.DEALERS.get(0)).posted()).isEqualTo(dealer);
    // 150 earned, 60 taken back: 90 left, 63 with the dealer
    assertThat(dealer).isEqualTo(105 - 42);
  }

  @Test
  void aJsonArrayImportsTheSameWay() {
    String array = "[{\"type\":\"training\",\"id\":\"LMS-1\",\"partner\":\"dealer-a\",\"member\":\"dealer-a-rep-1\","
        + "\"occurredAt\":\"2026-07-02T16:40:00Z\",\"course\":\"LED-101\"},"
        + "{\"type\":\"training\",\"id\":\"LMS-2\",\"partner\":\"dealer-q\",\"occurredAt\":\"2026-07-02T16:40:00Z\","
        + "\"course\":\"LED-101\"}]";

    ImportReport report = ActivityImport.into(f.engine).jsonArray(array);

    assertThat(report.summary()).isEqualTo("2 lines: 1 recorded, 0 already recorded, 0 malformed, 1 refused");
    assertThat(f.engine.balance(ChannelFixture.rep(ChannelFixture.DEALERS.get(0), 1)).posted()).isEqualTo(50);
  }

  // ---------------------------------------------------------------------------------------------
  // Issue 13, defect 6: a file with one bad byte stopped part-way without a report

  /** {@code count} training lines, numbered from 1, with a byte that is not UTF-8 in line {@code bad}. */
  private static byte[] trainings(int count, int bad) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int n = 1; n <= count; n++) {
      String course = n == bad ? "LED-\u0000" : "LED-101";
      byte[] line = ("{\"type\":\"training\",\"id\":\"LMS-" + n + "\",\"partner\":\"dealer-a\","
          + "\"occurredAt\":\"2026-07-02T16:40:00Z\",\"course\":\"" + course + "\"}\n").getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < line.length; i++) {
        if (line[i] == 0) {
          line[i] = (byte) 0xC3;   // starts a two-byte character that never comes
        }
      }
      out.writeBytes(line);
    }
    return out.toByteArray();
  }

  @Test
  void aLineThatIsNotUtf8IsMalformedAndTheRestOfTheFileIsImported() throws IOException {
    Path file = Files.createTempFile("dms-export", ".jsonl");
    try {
      Files.write(file, trainings(2_100, 2_001));

      ImportReport report = ActivityImport.into(f.engine).jsonLines(file);

      assertThat(report.isComplete()).isTrue();
      assertThat(report.summary()).isEqualTo("2100 lines: 2099 recorded, 0 already recorded, 1 malformed, 0 refused");
      assertThat(report.failures()).singleElement().satisfies(r -> {
        assertThat(r.lineNumber()).isEqualTo(2_001);
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message())
            .contains("not valid UTF-8").contains("byte 0xC3 at byte"));
      });
      assertThat(f.engine.receipt(ActivityId.of("LMS-2000"))).isPresent();
      assertThat(f.engine.receipt(ActivityId.of("LMS-2002"))).isPresent();
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void aReaderThatFailsStillGivesAReportSayingExactlyWhatWasRecorded() throws IOException {
    Path file = Files.createTempFile("dms-export", ".jsonl");
    try {
      Files.write(file, trainings(2_100, 2_001));
      ImportReport report;
      try (Reader in = Files.newBufferedReader(file)) {   // as the docs used to show
        report = ActivityImport.into(f.engine).jsonLines(in);
      }

      assertThat(report.isComplete()).isFalse();
      long last = report.progress().lastLine();
      assertThat(last).isBetween(1L, 2_000L);
      assertThat(report.count(ImportResult.Outcome.RECORDED)).isEqualTo(last);
      assertThat(report.summary()).contains("reading stopped after line " + last + ": MalformedInputException");
      assertThat(f.engine.receipt(ActivityId.of("LMS-" + last))).isPresent();
      assertThat(f.engine.receipt(ActivityId.of("LMS-" + (last + 1)))).isEmpty();
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void aByteOrderMarkAndWindowsLineEndsAreRead() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String lines = "{\"type\":\"training\",\"id\":\"LMS-1\",\"partner\":\"dealer-a\",\"occurredAt\":"
        + "\"2026-07-02T16:40:00Z\",\"course\":\"LED-101\"}\r\n# a comment\r\n\r\n"
        + "{\"type\":\"training\",\"id\":\"LMS-2\",\"partner\":\"dealer-a\",\"occurredAt\":"
        + "\"2026-07-02T16:40:00Z\",\"course\":\"LED-10\u00e9\"}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bom);
    out.writeBytes(lines.getBytes(StandardCharsets.UTF_8));

    ImportReport report = ActivityImport.into(f.engine).jsonLines(new ByteArrayInputStream(out.toByteArray()));

    assertThat(report.summary()).isEqualTo("2 lines: 2 recorded, 0 already recorded, 0 malformed, 0 refused");
    assertThat(report.progress().lastLine()).isEqualTo(4);
  }

  // ---------------------------------------------------------------------------------------------
  // Issue 13, defect 7: long imports were silent and held every receipt

  @Test
  void progressIsToldAsItGoesAndTheReportKeepsOnlyCountsAndSomeFailures() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int n = 1; n <= 250; n++) {
      String partner = n % 10 == 0 ? "dealer-z" : "dealer-a";   // every tenth is refused
      out.writeBytes(("{\"type\":\"training\",\"id\":\"LMS-" + n + "\",\"partner\":\"" + partner + "\","
          + "\"occurredAt\":\"2026-07-02T16:40:00Z\",\"course\":\"LED-101\"}\n").getBytes(StandardCharsets.UTF_8));
    }
    List<ImportProgress> told = new ArrayList<>();
    long[] now = {0};

    ImportReport report = ActivityImport.into(f.engine).withTicker(() -> now[0] += 1_000_000)
        .onProgress(100, told::add).keepFailures(10).jsonLines(new ByteArrayInputStream(out.toByteArray()));

    // after lines 100 and 200, and once at the end
    assertThat(told).extracting(ImportProgress::lines).containsExactly(100L, 200L, 250L);
    assertThat(told.get(0)).satisfies(p -> {
      assertThat(p.recorded()).isEqualTo(90);
      assertThat(p.refused()).isEqualTo(10);
      assertThat(p.elapsed()).isPositive();
      assertThat(p.linesPerSecond()).isPositive();
      assertThat(p.summary()).startsWith("100 lines (to line 100): 90 recorded, 0 already recorded, 0 malformed, "
          + "10 refused; ");
    });
    assertThat(report.progress()).isEqualTo(told.get(2));
    assertThat(report.failures()).hasSize(10).extracting(ImportResult::lineNumber).startsWith(10, 20);
    assertThat(report.failuresNotKept()).isEqualTo(15);
    assertThat(report.failures()).allSatisfy(r -> assertThat(r.receipt()).isEmpty());
  }
}
