package dev.loyalty.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.testing.ChannelFixture;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The import example of docs/FORMATS.md, line by line, and importing twice. */
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

    ImportReport report = ActivityImport.into(f.engine).jsonLines(new StringReader(blocks.get(0)));

    List<String> described = new ArrayList<>();
    report.results().forEach(r -> described.add(describe(r)));
    described.add(report.summary());
    assertThat(described).containsExactlyElementsOf(blocks.get(1).lines().toList());
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
}
