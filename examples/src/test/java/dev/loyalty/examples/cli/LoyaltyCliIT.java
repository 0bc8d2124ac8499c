package dev.loyalty.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loyalty.rules.standard.StandardRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI as a user runs it: {@code java -jar target/loyalty.jar ...} in a process of its own (the
 * jar {@code mvn package} built), with real files; exit codes, standard output and standard error.
 */
class LoyaltyCliIT {
  private static final Path JAR = Path.of("target", "loyalty.jar");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  static Path generated;

  /** What one run of the jar did. */
  record Run(int exit, String out, String err) {
  }

  static Run loyalty(String... args) throws IOException, InterruptedException {
    // The client compiler only, and the serial collector: a run here is a cold JVM over a small data set,
    // most of it compiling the ready-made DRL once; without the optimizing compiler's work a run takes
    // half the CPU (validate: 19.9 s -> 9.6 s), which is most of this class's share of the suite.
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("loyalty %s finished", List.of(args)).isTrue();
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @BeforeAll
  static void generate() throws Exception {
    assertThat(JAR).as("built by mvn package").exists();
    generated = dir.resolve("gen");
    Run run = loyalty("generate", "--partners", "20", "--months", "4", "--seed", "7", "--per-partner", "120",
        "--out", generated.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("activities of 20 partners");
    assertThat(generated.resolve("events.jsonl")).isNotEmptyFile();
    assertThat(generated.resolve("channel.jsonl")).isNotEmptyFile();
    assertThat(generated.resolve("program.json")).isNotEmptyFile();
    assertThat(generated.resolve("catalog.json")).isNotEmptyFile();
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "simulate", "generate", "whatif", "demo"})
  void everyCommandHasHelpWithItsExitCodes(String command) throws Exception {
    Run run = loyalty(command, "--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("Usage: loyalty " + command).contains("Exit codes:")
        .contains("3   done, but some lines of the events were bad and skipped");
  }

  @Test
  void theToolsHelpListsTheCommands_aWrongCommandLineIsExitTwo() throws Exception {
    Run help = loyalty("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("validate", "simulate", "generate", "whatif", "demo", "Exit codes:");
    Run wrong = loyalty("simulate", "--program", "standard", "--rules", "standard", "--events", "e.jsonl", "--bogus");
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).contains("Unknown option: '--bogus'");
    Run missing = loyalty("generate");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option: '--partners=N'");
  }

  @Test
  void validateAcceptsTheReadyMadeProgram_andListsEveryProblemOfABadRuleSetAtFileLineColumn() throws Exception {
    Run good = loyalty("validate", "standard", "--program", "standard");
    assertThat(good.exit()).as(good.out() + good.err()).isZero();
    assertThat(good.out()).contains("The rules compile: " + StandardRules.NAMES.size() + " files")   // every ready-made file
        .contains("fits the rules");

    Path bad = dir.resolve("points.drl");
    Files.writeString(bad, """
        package rules;
        import dev.loyalty.core.activity.*;

        rule "big invoice"
          ruleflow-group "award"
        when
          $sale : Sale( totl.amount > 100000 )
        then
        end
        """);
    Run refused = loyalty("validate", bad.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.out()).contains("points.drl:7:17: rule \"big invoice\": Sale has no field 'totl'; did you mean "
        + "'total'?").contains("1 problem in the rules");

    Path misspelt = dir.resolve("misspelt.json");
    Files.writeString(misspelt, Files.readString(generated.resolve("program.json"))
        .replace("\"earn.points\"", "\"earn.pionts\""));
    Run program = loyalty("validate", "standard", "--program", misspelt.toString());
    assertThat(program.exit()).isEqualTo(1);
    assertThat(program.out()).contains("$.parameters['earn.pionts']: is not read by any rule of rule set validate; "
        + "did you mean 'earn.points'?");
  }

  @Test
  void aMissingOrInvalidInputIsExitFour() throws Exception {
    Run noFile = loyalty("validate", "nowhere.drl");
    assertThat(noFile.exit()).isEqualTo(4);
    assertThat(noFile.err()).contains("the rules file nowhere.drl does not exist");

    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{ \"id\": \"x\" }");
    Run program = loyalty("simulate", "--program", broken.toString(), "--rules", "standard", "--events",
        generated.resolve("events.jsonl").toString());
    assertThat(program.exit()).isEqualTo(4);
    assertThat(program.err()).contains("the program " + broken + " is not valid").contains("$.name");

    Run noEvents = loyalty("simulate", "--program", "standard", "--rules", "standard", "--events", "none.jsonl");
    assertThat(noEvents.exit()).isEqualTo(4);
    assertThat(noEvents.err()).contains("the events file none.jsonl does not exist");
  }

  @Test
  void simulateReportsAYear_andItsJsonHasEveryParticipant() throws Exception {
    Run text = loyalty("simulate", "--program", generated.resolve("program.json").toString(), "--rules", "standard",
        "--events", generated.resolve("events.jsonl").toString(), "--channel",
        generated.resolve("channel.jsonl").toString());
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).contains("Simulation of program standard-2026", "By rule:", "earn-rate", "Tiers at the end:",
        "Regions:", "Top partners", "Liability in INR");
    assertThat(text.err()).doesNotContain("INFO");

    Run json = loyalty("simulate", "--program", "standard", "--rules", "standard", "--events",
        generated.resolve("events.jsonl").toString(), "--channel", generated.resolve("channel.jsonl").toString(),
        "--json", "--as-of", "2026-03-31", "--catalog", generated.resolve("catalog.json").toString(),
        "--redeem-percent", "100");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode report = JSON.readTree(json.out());
    long participants = Files.readAllLines(generated.resolve("channel.jsonl")).size();
    assertThat(report.get("participants")).hasSize((int) participants);
    long balances = 0;
    long redeemed = 0;
    for (JsonNode p : report.get("participants")) {
      assertThat(p.has("balance") && p.has("tier") && p.has("expired")).isTrue();
      balances += p.get("balance").asLong();
      redeemed += p.get("redeemed").asLong();
    }
    assertThat(report.get("points").get("outstanding").asLong()).isEqualTo(balances).isPositive();
    assertThat(report.get("redemptions").get("made").asLong()).isPositive();
    assertThat(report.get("points").get("redeemed").asLong()).isEqualTo(redeemed).isPositive();
    assertThat(report.get("asOf").asText()).isEqualTo("2026-03-31T18:30:00Z");
    assertThat(report.get("activities").get("afterAsOf").asLong()).isPositive();
    assertThat(report.get("badLineCount").asLong()).isZero();
  }

  @Test
  void badLinesAreReportedWithTheirNumbersAndSkipped_andTheExitCodeSaysSo() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(generated.resolve("events.jsonl")));
    lines.add(2, "{\"type\":\"sale\",\"id\":\"BAD-1\",\"partner\":\"dealer-01\",\"occurredAt\":\"2026-01-05T10:00:00Z\","
        + "\"currency\":\"INR\",\"lines\":[{\"sku\":\"X\",\"category\":\"wires\",\"quantity\":-5,\"unitPrice\":\"10\"}]}");
    lines.add(4, "{\"type\":\"training\",\"id\":\"BAD-2\",\"partner\":\"nobody\",\"occurredAt\":\"2026-01-05T10:00:00Z\","
        + "\"course\":\"c\"}");
    lines.add(5, "not json at all");
    Path events = dir.resolve("noisy.jsonl");
    Files.write(events, lines);
    Run run = loyalty("simulate", "--program", "standard", "--rules", "standard", "--events", events.toString(),
        "--channel", generated.resolve("channel.jsonl").toString());
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("noisy.jsonl:3: malformed: $.lines[0].quantity: must be positive, got -5")
        .contains("noisy.jsonl:5: refused: ").contains("nobody")
        .contains("noisy.jsonl:6: malformed: ")
        .contains("3 of " + lines.size() + " lines were bad and skipped");
    assertThat(run.out()).contains("Simulation of program standard-2026").contains("1 refused");
  }

  @Test
  void withoutAChannelThePartnersTheEventsNameAreEnrolled() throws Exception {
    Run run = loyalty("simulate", "--program", "standard", "--rules", "standard", "--events",
        generated.resolve("events.jsonl").toString(), "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.get("activities").get("refused").asLong()).isZero();
    assertThat(report.get("regions").get(0).get("region").asText()).isEqualTo("unassigned");
  }

  @Test
  void whatifOfARuleSetAgainstItselfFindsNothing_andARaisedMultiplierSomething() throws Exception {
    String events = generated.resolve("events.jsonl").toString();
    String channel = generated.resolve("channel.jsonl").toString();
    Run same = loyalty("whatif", "--program", "standard", "--rules-a", "standard", "--rules-b", "standard",
        "--events", events, "--channel", channel);
    assertThat(same.exit()).as(same.err()).isZero();
    assertThat(same.out()).contains("No difference: A and B give the same figures.");

    Path richer = dir.resolve("richer.json");
    Files.writeString(richer, Files.readString(generated.resolve("program.json"))
        .replace("\"multiplier.category.smart-switches\": \"2\"", "\"multiplier.category.smart-switches\": \"3\""));
    Run changed = loyalty("whatif", "--program", "standard", "--program-b", richer.toString(), "--rules-a", "standard",
        "--rules-b", "standard", "--events", events, "--channel", channel, "--json");
    assertThat(changed.exit()).as(changed.err()).isZero();
    JsonNode report = JSON.readTree(changed.out());
    assertThat(report.get("differs").asBoolean()).isTrue();
    JsonNode multiplier = null;
    for (JsonNode rule : report.get("rules")) {
      if (rule.get("rule").asText().equals("product-multiplier")) {
        multiplier = rule;
      }
    }
    assertThat(multiplier).isNotNull();
    assertThat(multiplier.get("change").asLong()).isPositive();
    assertThat(report.get("mostAffected")).isNotEmpty();
  }

  @Test
  void simulateAndWhatifClaimAShareOfTheSales_theJsonCountsTheClaims() throws Exception {
    String events = generated.resolve("events.jsonl").toString();
    String channel = generated.resolve("channel.jsonl").toString();
    Run json = loyalty("simulate", "--program", "standard", "--rules", "standard", "--events", events, "--channel",
        channel, "--claims-percent", "30", "--json");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode report = JSON.readTree(json.out());
    JsonNode claims = report.get("claims");
    long submitted = claims.get("submitted").asLong();
    assertThat(submitted).isPositive().isEqualTo(claims.get("paid").asLong() + claims.get("blocked").asLong()
        + claims.get("rejected").asLong() + claims.get("expired").asLong() + claims.get("waiting").asLong());
    assertThat(claims.get("paid").asLong()).isPositive();
    assertThat(claims.get("points").asLong()).isPositive();
    assertThat(claims.get("bySignal").get("unverified-invoice").asLong()).isPositive();
    long lines = Files.readAllLines(generated.resolve("events.jsonl")).size();
    assertThat(report.get("activities").get("total").asLong() + submitted - claims.get("duplicates").asLong()
        + claims.get("returnsLeftOut").asLong()).as("every line is an activity, a claimed sale or a return of an unpaid "
        + "claim").isEqualTo(lines);
    assertThat(report.get("badLineCount").asLong()).isZero();
    Run again = loyalty("simulate", "--program", "standard", "--rules", "standard", "--events", events, "--channel",
        channel, "--claims-percent", "30", "--json");
    assertThat(again.out()).as("the same run gives the same report").isEqualTo(json.out());

    Run text = loyalty("simulate", "--program", "standard", "--rules", "standard", "--events", events, "--channel",
        channel, "--claims-percent", "30", "--no-claims-review");
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).contains("Claims: ").contains("risk flags: ").contains("unverified-invoice");

    Run same = loyalty("whatif", "--program", "standard", "--rules-a", "standard", "--rules-b", "standard",
        "--events", events, "--channel", channel, "--claims-percent", "30");
    assertThat(same.exit()).as(same.err()).isZero();
    assertThat(same.out()).contains("No difference: A and B give the same figures.");

    Path stricter = dir.resolve("stricter.json");
    Files.writeString(stricter, Files.readString(generated.resolve("program.json"))
        .replace("\"risk.review-score\": \"50\"", "\"risk.review-score\": \"30\""));
    Run changed = loyalty("whatif", "--program", "standard", "--program-b", stricter.toString(), "--rules-a",
        "standard", "--rules-b", "standard", "--events", events, "--channel", channel, "--claims-percent", "30",
        "--json");
    assertThat(changed.exit()).as(changed.err()).isZero();
    JsonNode whatif = JSON.readTree(changed.out());
    JsonNode held = null;
    for (JsonNode d : whatif.get("overall")) {
      if (d.get("measure").asText().equals("claims held for review")) {
        held = d;
      }
    }
    assertThat(held).isNotNull();
    assertThat(held.get("b").asLong()).isGreaterThan(held.get("a").asLong());
    assertThat(whatif.get("b").get("claims").get("heldForReview").asLong()).isEqualTo(held.get("b").asLong());

    Run bad = loyalty("simulate", "--program", "standard", "--rules", "standard", "--events", events,
        "--claims-percent", "101");
    assertThat(bad.exit()).isEqualTo(4);
    assertThat(bad.err()).contains("--claims-percent").contains("0 to 100, got 101");
  }

  @Test
  void theSameSeedGeneratesTheSameFiles() throws Exception {
    Path again = dir.resolve("again");
    Run run = loyalty("generate", "--partners", "20", "--months", "4", "--seed", "7", "--per-partner", "120",
        "--out", again.toString());
    assertThat(run.exit()).isZero();
    for (String file : List.of("events.jsonl", "channel.jsonl", "program.json")) {
      assertThat(again.resolve(file)).hasSameBinaryContentAs(generated.resolve(file));
    }
    Run stdout = loyalty("generate", "--partners", "20", "--months", "4", "--seed", "7", "--per-partner", "120");
    assertThat(stdout.out()).isEqualTo(Files.readString(generated.resolve("events.jsonl")));
  }
}
