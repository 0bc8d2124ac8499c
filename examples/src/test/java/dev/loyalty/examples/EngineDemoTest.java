package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo the README opens with runs, and tells the story it claims to tell. */
class EngineDemoTest {

  @Test
  void theDemoRunsAndShowsEveryMechanic() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new EngineDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out)
        .contains("30 points to member ravi (earn-rate@volta-1)")
        .contains("Not applied mix-bonus@volta-1: This order has 1 product category (cables); 3 in one order earn "
            + "the 200-point mix bonus.")
        .contains("6 lines: 4 recorded, 0 already recorded, 1 malformed, 1 refused")
        .contains("line 5 MALFORMED: $.lines[0].quantity: must be positive, got -5")
        .contains("same receipt: true")
        .contains("Campaign monsoon's budget had only 175 of the 300 points left.")
        .contains("100 points taken back from partner gupta")
        .contains("partner sharma moved up to Gold")
        .contains("For Gold: 420,000 INR more sales and 1 more product category")
        .contains("partner sharma moved from Gold to Silver")
        .contains("expiry run on 2027-08-01 moved 2600 points to breakage")
        .contains("trial balance balanced: true")
        .contains("hash chain intact: true");
  }

  @Test
  void thePostgresDemoTellsTheSameSeasonAcrossARestart() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new PostgresDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out)
        .contains("(PostgreSQL ")
        .contains("30 points to member ravi (earn-rate@volta-1)")
        .contains("6 lines: 4 recorded, 0 already recorded, 1 malformed, 1 refused")
        .contains("same receipt: true")
        .contains("Campaign monsoon's budget had only 175 of the 300 points left.")
        .contains("The server stops and starts again")
        .contains("recover(): 0 finished, 0 unfinished")
        .contains("partner sharma moved up to Gold")
        .contains("partner sharma moved from Gold to Silver")
        .contains("expiry run on 2027-08-01 moved 2600 points to breakage")
        .contains("trial balance balanced: true")
        .contains("hash chain intact: true");
    // the engine built after the restart finds what the first one left
    String before = out.substring(out.indexOf("  before: ") + 10, out.indexOf('\n', out.indexOf("  before: ")));
    String after = out.substring(out.indexOf("  after:  ") + 10, out.indexOf('\n', out.indexOf("  after:  ")));
    assertThat(after).isEqualTo(before).contains("Sharma ");
    // and the listener got every event once, as in memory
    ByteArrayOutputStream memory = new ByteArrayOutputStream();
    new EngineDemo(new PrintStream(memory, true, StandardCharsets.UTF_8)).run();
    String inMemory = memory.toString(StandardCharsets.UTF_8);
    assertThat(section(out, "9.")).isEqualTo(section(inMemory, "9."));
  }

  /** The lines of a demo's section {@code number} (up to the next section). */
  private static String section(String out, String number) {
    int start = out.indexOf("\n" + number + " ");
    return out.substring(start, out.indexOf("\n\n", start + 1));
  }

  @Test
  void theLedgerDemoStillRuns() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new LedgerDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Loyalty SDK ledger walk-through");
  }
}
