package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.PeriodCloseReport;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.imports.ActivityImport;
import dev.loyalty.core.imports.ImportProgress;
import dev.loyalty.core.imports.ImportReport;
import dev.loyalty.core.imports.ImportResult;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramDefinitionException;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.ledger.Ledger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An integrator's first afternoon, written from README.md, docs/ENGINE.md, docs/PROGRAM.md and
 * docs/FORMATS.md alone, through the public API only: a program file saved by a Windows editor, a
 * DMS export with a byte that is not UTF-8 and other bad lines, a rule that awards far too much, a
 * close run twice, a budget changed between two starts. Nothing here reaches into an internal
 * package or a test fixture of the library.
 */
class OutsiderTest {
  private static final Currency INR = Currency.getInstance("INR");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-08-01T06:00:00Z"), ZoneOffset.UTC);
  private static final PartnerId SHARMA = PartnerId.of("sharma");
  private static final MemberId RAVI = MemberId.of("ravi");

  @TempDir
  Path dir;

  /** My own rules, in plain Java (ENGINE.md: any RuleEngine): 1 point per 100 INR, split 70/30 with the rep. */
  private static final RuleEngine MY_RULES = facts -> {
    List<Award> awards = new ArrayList<>();
    if (facts.activity() instanceof Sale sale) {
      long points = sale.total().amount().longValue() / 100;
      if (points > 0) {
        long rep = facts.member().isPresent() ? points * 30 / 100 : 0;
        awards.add(Award.of(facts.partner().id(), points - rep, RuleRef.of("earn", "mine-1"), points + " for "
            + sale.total().amount().toPlainString() + " INR"));
        if (rep > 0) {
          awards.add(Award.of(facts.member().get().id(), rep, RuleRef.of("earn", "mine-1"), "the rep's share"));
        }
      }
    }
    return new RuleOutcome(awards, List.of(), List.of(), List.of(), List.of());
  };

  private static String program(long budget) {
    return """
        {
          "id": "my-program", "name": "My Program", "zone": "Asia/Kolkata",
          "pointValue": { "INR": "0.25" },
          "tierPolicy": { "windowMonths": 3, "grace": "P0D" },
          "campaigns": [ { "id": "monsoon", "name": "Monsoon", "startsOn": "2026-07-01", "endsOn": "2026-09-30",
                           "budget": %d } ],
          "earnSplit": { "partnerPercent": 70, "memberPercent": 30 },
          "expiry": { "policy": "anniversary", "months": 12 },
          "accounts": { "prefix": "mine" },
          "reviewAbovePoints": 100000
        }
        """.formatted(budget);
  }

  private Program loadWithByteOrderMark(long budget) throws IOException {
    Path file = dir.resolve("program-" + budget + ".json");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});   // as Notepad saves it
    bytes.writeBytes(program(budget).getBytes(StandardCharsets.UTF_8));
    Files.write(file, bytes.toByteArray());
    return ProgramLoader.fromPath(file);
  }

  private static InMemoryPartnerDirectory directory() {
    return PartnerDirectory.inMemory()
        .put(Partner.of(SHARMA, "Sharma Electricals", PartnerType.DEALER, "north", "IN", INR, LocalDate.of(2026, 1, 1)))
        .put(Member.of(RAVI, SHARMA, "Ravi Kumar", MemberRole.SALES_REP, Locale.forLanguageTag("en-IN"),
            LocalDate.of(2026, 1, 1)));
  }

  @Test
  void aProgramSavedWithAByteOrderMarkLoadsAndAMistakeIsNamed() throws IOException {
    assertThat(loadWithByteOrderMark(500).expiry().expiryOf(Instant.parse("2026-03-14T12:00:00Z"),
        java.time.ZoneId.of("Asia/Kolkata"))).contains(Instant.parse("2027-03-14T18:30:00Z"));

    assertThatThrownBy(() -> ProgramLoader.fromJson(program(500).replace("\"2026-09-30\"", "\"2026-09-31\"")
        .replace("\"budget\": 500", "\"budget\": 100000000000000000000")))
        .isInstanceOf(ProgramDefinitionException.class)
        .hasMessageContaining("$.campaigns[0].endsOn: '2026-09-31' is not a real date: there is no September 31")
        .hasMessageContaining("$.campaigns[0].budget: must be at most 9223372036854775807");
  }

  @Test
  void aDmsExportWithBadLinesIsImportedLineByLineAndReported() throws IOException {
    Ledger ledger = Ledger.inMemory(CLOCK);
    LoyaltyEngine engine = LoyaltyEngine.builder(loadWithByteOrderMark(500), MY_RULES).ledger(ledger)
        .directory(directory()).build();
    String good = "{\"type\":\"sale\",\"id\":\"INV-%d\",\"partner\":\"sharma\",\"member\":\"ravi\","
        + "\"occurredAt\":\"2026-07-%02dT10:00:00+05:30\",\"currency\":\"INR\",\"lines\":[{\"sku\":\"CAB-25\","
        + "\"category\":\"cables\",\"quantity\":%d,\"unitPrice\":\"1000\"}]}";
    ByteArrayOutputStream export = new ByteArrayOutputStream();
    List<String> lines = List.of(
        "# DMS export, July",                                                            // 1
        good.formatted(1, 2, 10),                                                         // 2: 100 points
        good.formatted(2, 3, 5).replace("CAB-25", "CAB-\u0000"),                          // 3: not UTF-8
        good.formatted(3, 4, 2).replace("2026-07-04T10:00:00+05:30", "2026-02-30T10:00:00Z"),  // 4
        good.formatted(4, 5, 1).replace("2026-07-05T10:00:00+05:30", "2016-01-01")
            .replace("}]}", "},{\"sku\":\"CAB-25\",\"category\":\"cables\",\"quantity\":1,\"unitPrice\":\"1\"}]}"),
        good.formatted(5, 6, 3).replace("\"sharma\"", "\"gupta\""),                      // 6: unknown partner
        good.formatted(6, 7, 20_000),                                                     // 7: 200,000 points
        good.formatted(1, 2, 10),                                                         // 8: INV-1 again
        "{\"type\":\"return\",\"id\":\"RET-1\",\"partner\":\"sharma\",\"occurredAt\":\"2026-07-09T10:00:00+05:30\","
            + "\"invoice\":\"INV-1\",\"lines\":[{\"sku\":\"CAB-25\",\"quantity\":11}]}");  // 9: more than sold
    for (String line : lines) {
      byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = bytes[i] == 0 ? (byte) 0xE9 : bytes[i];   // an 'é' saved as Latin-1
      }
      export.writeBytes(bytes);
    }
    Path file = dir.resolve("july.jsonl");
    Files.write(file, export.toByteArray());
    List<ImportProgress> progress = new ArrayList<>();

    ImportReport report = ActivityImport.into(engine).onProgress(4, progress::add).jsonLines(file);

    assertThat(report.isComplete()).isTrue();
    assertThat(report.summary()).isEqualTo("8 lines: 2 recorded, 1 already recorded, 3 malformed, 2 refused");
    assertThat(progress).extracting(ImportProgress::lines).containsExactly(4L, 8L, 8L);
    Map<Integer, String> problems = new java.util.TreeMap<>();
    report.failures().forEach(f -> problems.put(f.lineNumber(), f.outcome() + " " + f.problems()));
    assertThat(problems).containsOnlyKeys(3, 4, 5, 6, 9);
    assertThat(problems.get(3)).contains("MALFORMED").contains("not valid UTF-8").contains("0xE9");
    assertThat(problems.get(4)).contains("there is no February 30");
    assertThat(problems.get(5)).contains("a date with no time or offset").contains("lists SKU CAB-25 twice");
    assertThat(problems.get(6)).contains("REFUSED").contains("gupta");
    assertThat(problems.get(9)).contains("REFUSED").contains("at most 10 can come back");

    // the 200,000-point invoice waits for a reviewer: pending, not spendable
    Receipt big = engine.receipt(ActivityId.of("INV-6")).orElseThrow();
    assertThat(big.status()).isEqualTo(Receipt.Status.IN_REVIEW);
    assertThat(big.riskFlags()).extracting(f -> f.code()).containsExactly("points-ceiling");
    assertThat(engine.balance(SHARMA).posted()).isEqualTo(70);
    assertThat(engine.balance(SHARMA).pendingCredits()).isEqualTo(140_000);
    assertThat(engine.balance(SHARMA).available()).isEqualTo(70);
    assertThat(engine.reject(ActivityId.of("INV-6"),
        Actor.of(ActorId.of("controller"), Roles.REVIEWER), "a dealer does not sell 200,000 points of cable a day").status()).isEqualTo(Receipt.Status.REJECTED);
    assertThat(engine.balance(SHARMA).pendingCredits()).isZero();

    // importing the same file again changes nothing
    var books = ledger.trialBalance();
    ImportReport again = ActivityImport.into(engine).jsonLines(file);
    assertThat(again.count(ImportResult.Outcome.RECORDED)).isZero();
    assertThat(ledger.trialBalance()).isEqualTo(books);
  }

  @Test
  void aFutureDateAndARuleEnginesOwnFailureAreRefusedAsThemselves() throws IOException {
    final class MyRuleFailure extends LoyaltyException {
      private static final long serialVersionUID = 1L;

      MyRuleFailure(String message) {
        super(message);
      }
    }
    LoyaltyEngine engine = LoyaltyEngine.builder(loadWithByteOrderMark(500), facts -> {
      throw new MyRuleFailure("earn@mine-1 divided by zero on " + facts.activity().id());
    }).ledger(Ledger.inMemory(CLOCK)).directory(directory()).build();
    Sale tomorrow = new Sale(ActivityHeader.of("INV-9", "sharma", "ravi", Instant.parse("2026-08-02T06:00:00Z")),
        INR, List.of(InvoiceLine.of("CAB-25", "cables", 1, "100")));
    Sale today = new Sale(ActivityHeader.of("INV-8", "sharma", "ravi", Instant.parse("2026-08-01T05:00:00Z")),
        INR, List.of(InvoiceLine.of("CAB-25", "cables", 1, "100")));

    assertThatThrownBy(() -> engine.record(tomorrow)).isInstanceOf(InvalidActivityException.class)
        .hasMessageContaining("after now");
    assertThatThrownBy(() -> engine.record(today)).isInstanceOf(MyRuleFailure.class)
        .hasMessageContaining("divided by zero on INV-8");
    assertThat(engine.receipt(ActivityId.of("INV-8"))).isEmpty();
  }

  @Test
  void aCloseRunTwiceCountsOnceAndABudgetChangedBetweenStartsIsApplied() throws IOException {
    Ledger ledger = Ledger.inMemory(CLOCK);
    LoyaltyEngine engine = LoyaltyEngine.builder(loadWithByteOrderMark(500), MY_RULES).ledger(ledger)
        .directory(directory()).build();
    assertThat(engine.budgetChanges()).singleElement().satisfies(c -> assertThat(c.note())
        .isEqualTo("funded with 500 points"));
    engine.record(new Sale(ActivityHeader.of("INV-1", "sharma", "ravi", Instant.parse("2026-07-02T04:30:00Z")), INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "1000"))));

    Instant review = Instant.parse("2026-08-01T00:00:00Z");
    PeriodCloseReport first = engine.closePeriod(review);
    PeriodCloseReport second = engine.closePeriod(review);
    assertThat(first.replay()).isFalse();
    assertThat(second.replay()).isTrue();
    assertThat(second.expiredPoints()).isZero();

    LoyaltyEngine restarted = LoyaltyEngine.builder(loadWithByteOrderMark(800), MY_RULES).ledger(ledger)
        .directory(directory()).build();
    assertThat(restarted.budgetChanges()).singleElement().satisfies(c -> {
      assertThat(c.before()).isEqualTo(500);
      assertThat(c.after()).isEqualTo(800);
      assertThat(c.transaction()).isPresent();
    });
    assertThat(ledger.balance(ledger.accounts().stream().filter(a -> a.id().value().equals("mine:budget:monsoon"))
        .findFirst().orElseThrow().id()).posted()).isEqualTo(800);
  }
}
