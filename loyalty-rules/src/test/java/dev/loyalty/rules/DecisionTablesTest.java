package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision tables as rule sources: the shipped example table beside hand-written DRL, the ways to
 * load a table, and every problem reported at the table's row and cell.
 */
class DecisionTablesTest {
  /**
   * A table without rule ids: RuleTable on row 4, rules on rows 9 and 10; each %s is put before a
   * row's first cell (an extra column), then the minimum of the two rules.
   */
  private static final String MINIMAL = """
      RuleSet,loyalty.minimal
      Import,"dev.loyalty.core.activity.*, dev.loyalty.rules.facts.*"

      RuleTable Bonus
      %sRULEFLOW-GROUP,CONDITION,ACTION
      %s,$sale : Sale,
      %s,total.amount >= $param,"insert(PointsAward.of($sale.partner(), $param, ""bonus"", ""Bonus of $param from "" + $sale.total().amount() + "".""));"
      %sStage,Minimum,Points
      %saward,%s,10
      award,%s,40
      """;
  static final String SAMPLE = "dev/loyalty/rules/samples/category-incentives.csv";
  private static final String SAMPLE_XLSX = "dev/loyalty/rules/samples/category-incentives.xlsx";
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  static String sampleCsv() {
    try (InputStream in = DecisionTablesTest.class.getClassLoader().getResourceAsStream(SAMPLE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample table with {@code from} replaced by {@code to} (once, so that a test fails if it is gone). */
  private static RuleSource sampleWith(String from, String to) {
    String csv = sampleCsv();
    assertThat(csv).as("the sample table has %s", from).contains(from);
    return table(csv.replaceFirst(Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
  }

  private static RuleSource table(String csv) {
    return RuleSource.fromDecisionTable("incentives.csv", csv.getBytes(StandardCharsets.UTF_8),
        DecisionTable.Format.CSV);
  }

  private static List<String> problems(RuleSource... sources) {
    return DroolsRuleEngine.validate(RuleSet.always("v1", sources)).stream().map(RuleProblem::toString).toList();
  }

  private static DroolsRuleEngine tableAndDrl(RuleSource table) {
    return DroolsRuleEngine.of(RuleSet.always("2026-07", RuleSource.fromClasspath("examples/tables/launch.drl"),
        table));
  }

  // ------------------------------------------------------------------ the example, end to end

  @Test
  void theTableBesideADrlFile_awardsByCategoryAndPartnerType_andTheDrlScalesItsAwards() {
    DroolsRuleEngine engine = tableAndDrl(RuleSource.fromDecisionTableOnClasspath(SAMPLE));

    // a dealer's invoice of 9000: cables 1000, switches 6000, lighting 2000
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("1000").line("SW-1", "switches", "6000")
        .line("LT-1", "lighting", "2000").facts());

    assertThat(outcome.awards()).extracting(a -> a.beneficiary().value(), Award::points, a -> a.rule().toString(),
        Award::reason).containsExactlyInAnyOrder(
        tuple("dealer-a", 60L, "cables-dealer@2026-07",
            "3 point(s) per 100 on cables (1000). Launch month: category points doubled."),
        tuple("dealer-a", 240L, "switches-dealer@2026-07",
            "2 point(s) per 100 on switches (6000). Launch month: category points doubled."));
    assertThat(outcome.decisions()).extracting(d -> d.rule().ruleId()).containsExactlyInAnyOrder(
        "cables-dealer", "switches-dealer", "launch-double", "launch-double");
    assertThat(outcome.decisions()).allSatisfy(d -> assertThat(d.fired()).isTrue());
  }

  @Test
  void aRowThatDoesNotMatch_givesNoAward() {
    DroolsRuleEngine engine = tableAndDrl(RuleSource.fromDecisionTableOnClasspath(SAMPLE));

    // lighting pays retailers only; switches pay from an invoice of 5000; cables-distributor is for distributors
    RuleOutcome small = engine.evaluate(TestFacts.sale("100").line("SW-1", "switches", "3000")
        .line("LT-1", "lighting", "500").facts());
    RuleOutcome none = engine.evaluate(TestFacts.sale("100").line("LT-1", "lighting", "20000").facts());

    assertThat(small.awards()).extracting(a -> a.rule().ruleId(), Award::points)
        .containsExactly(tuple("cables-dealer", 6L));
    assertThat(none.awards()).extracting(a -> a.rule().ruleId(), Award::points)
        .containsExactly(tuple("cables-dealer", 6L), tuple("invoice-bonus", 50L));
    assertThat(none.decisions()).extracting(RuleDecision::rule).extracting(r -> r.ruleId())
        .doesNotContain("lighting-retailer", "cables-distributor", "switches-dealer");
  }

  @Test
  void aRuleWithoutARuleIdColumn_isNamedAfterTheTableAndItsRow() {
    RuleSource table = table(MINIMAL.formatted("", "", "", "", "", "1000", "5000"));

    RuleOutcome outcome = DroolsRuleEngine.of(RuleSet.always("v1", table)).evaluate(TestFacts.sale("6000").facts());

    assertThat(outcome.awards()).extracting(a -> a.rule().toString(), Award::points, Award::reason)
        .containsExactlyInAnyOrder(tuple("Bonus_9@v1", 10L, "Bonus of 10 from 6000."),
            tuple("Bonus_10@v1", 40L, "Bonus of 40 from 6000."));
  }

  // ------------------------------------------------------------------ loading

  @Test
  void theSameTableAsXlsx_givesTheSameDrlAndAwards(@TempDir Path dir) throws IOException {
    RuleSource csv = RuleSource.fromDecisionTableOnClasspath(SAMPLE);
    Path file = dir.resolve("category-incentives.xlsx");
    Files.write(file, xlsx(csv.table().orElseThrow().rows()));

    RuleSource xlsx = RuleSource.fromDecisionTable(file);

    assertThat(xlsx.name()).isEqualTo(file.toString());
    assertThat(xlsx.table()).hasValueSatisfying(t -> {
      assertThat(t.format()).isEqualTo(DecisionTable.Format.XLSX);
      assertThat(t.problems()).isEmpty();
    });
    assertThat(xlsx.drl()).isEqualTo(csv.drl());
    RuleOutcome outcome = tableAndDrl(xlsx).evaluate(TestFacts.sale("1000").facts());
    assertThat(outcome.awards()).extracting(a -> a.rule().toString(), Award::points)
        .containsExactly(tuple("cables-dealer@2026-07", 60L));
  }

  @Test
  void theShippedXlsx_isTheCsvAsAWorkbook() {
    RuleSource csv = RuleSource.fromDecisionTableOnClasspath(SAMPLE);
    RuleSource xlsx = RuleSource.fromDecisionTableOnClasspath(SAMPLE_XLSX);

    assertThat(xlsx.table().orElseThrow().format()).isEqualTo(DecisionTable.Format.XLSX);
    assertThat(xlsx.table().orElseThrow().rows()).isEqualTo(csv.table().orElseThrow().rows());
    assertThat(xlsx.drl()).isEqualTo(csv.drl());
  }

  @Test
  void aTableFromAFileBytesOrAStream_keepsTheNameGiven(@TempDir Path dir) throws IOException {
    byte[] bytes = sampleCsv().getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("incentives.CSV");
    Files.write(file, bytes);

    RuleSource fromFile = RuleSource.fromDecisionTable(file);
    RuleSource fromStream = RuleSource.fromDecisionTable("stream.csv", new ByteArrayInputStream(bytes),
        DecisionTable.Format.CSV);
    RuleSource fromClasspath = RuleSource.fromDecisionTableOnClasspath("/" + SAMPLE);

    assertThat(List.of(fromFile, fromStream, fromClasspath)).extracting(RuleSource::name)
        .containsExactly(file.toString(), "stream.csv", SAMPLE);
    assertThat(fromStream.drl()).isEqualTo(fromFile.drl()).isEqualTo(fromClasspath.drl())
        .contains("rule \"Incentives_11\"\n\t@ruleId(\"cables-dealer\")\n\truleflow-group \"award\"");
    assertThat(fromFile.toString()).isEqualTo(file + " (CSV decision table, " + fromFile.drl().length()
        + " characters of DRL)");
  }

  @Test
  void anotherExtension_orAMissingTable_isRefusedByName(@TempDir Path dir) {
    assertThatThrownBy(() -> RuleSource.fromDecisionTable(dir.resolve("incentives.ods")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("'incentives.ods' is not a decision table: the name "
            + "must end in .csv, .xls or .xlsx (DRL files are read with RuleSource.fromPath or fromClasspath)");
    assertThatThrownBy(() -> RuleSource.fromDecisionTableOnClasspath("rules/none.drl"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'rules/none.drl' is not a decision table");
    assertThatThrownBy(() -> RuleSource.fromDecisionTableOnClasspath("rules/none.xlsx"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no decision table resource 'rules/none.xlsx' on the classpath");
    assertThatThrownBy(() -> RuleSource.fromDecisionTable(dir.resolve("none.csv")))
        .isInstanceOf(UncheckedIOException.class).hasMessage("cannot read decision table " + dir.resolve("none.csv"));
  }

  @Test
  void cellNames_areTheSpreadsheets() {
    assertThat(DecisionTable.cellName(12, 3)).isEqualTo("C12");
    assertThat(DecisionTable.columnName(26)).isEqualTo("Z");
    assertThat(DecisionTable.columnName(27)).isEqualTo("AA");
    assertThat(DecisionTable.columnName(703)).isEqualTo("AAA");
  }

  // ------------------------------------------------------------------ problems in the generated rules

  @Test
  void aMistakeInACodeCell_isReportedOnceAtThatCell_notForEveryRow() {
    assertThat(problems(sampleWith("total.amount >= $param", "totl.amount >= $param"))).containsExactly(
        "incentives.csv row 9, cell D9: Sale has no field 'totl'; did you mean 'total'? Fields of Sale: categories, "
            + "currency, header, id, kind, lines, member, occurredAt, partner, total");
  }

  @Test
  void mistakesInValueCells_areReportedAtTheirRowAndCell_withTheRule() {
    RuleSource table = sampleWith("award,switches-dealer,dealer,5000", "award,switches-dealer,dealer,5OOO");
    String csv = sampleCsv().replace("award,switches-dealer,dealer,5000", "award,switches-dealer,dealer,abc")
        .replace("award,cables-distributor", "awrd,cables-distributor")
        .replace("award,lighting-retailer", "award,cables-dealer");

    assertThat(problems(table)).containsExactly(
        "incentives.csv row 13, cell D13 (rule \"Incentives_13\"): syntax error: unexpected 'OOO' in pattern");
    assertThat(problems(table(csv))).containsExactly(
        "incentives.csv row 12, cell A12 (rule \"Incentives_12\"): unknown stage \"awrd\"; did you mean \"award\"? "
            + "Stages run in this order: risk, award, multiply, cap, split, audit",
        "incentives.csv row 13, cell D13 (rule \"Incentives_13\"): Drools cannot compile the condition "
            + "'total.amount >= abc'",
        "incentives.csv row 14 (rule \"Incentives_14\"): rule id \"cables-dealer\" is already the id of "
            + "rule \"Incentives_11\" at incentives.csv row 11; give each rule its own @ruleId");
  }

  @Test
  void badJavaInAnActionCell_isReportedAtTheActionsCodeCell() {
    assertThat(problems(sampleWith("$line.amount().toPlainString()", "$line.amont().toPlainString()")))
        .containsExactly("incentives.csv row 9, cell F9: in the consequence (then part): The method amont() is "
            + "undefined for the type InvoiceLine");
  }

  @Test
  void aTableWithoutAStageColumn_isRefusedRowByRow_withAdviceInTableTerms() {
    RuleSource table = sampleWith("RULEFLOW-GROUP,", "DESCRIPTION,");

    assertThat(problems(table)).containsExactly(
        "incentives.csv row 11 (rule \"Incentives_11\"): names no stage; add a RULEFLOW-GROUP column with each "
            + "row's stage (\"award\" or another; they run in this order: risk, award, multiply, cap, split, audit)",
        "incentives.csv row 12 (rule \"Incentives_12\"): names no stage; add a RULEFLOW-GROUP column with each "
            + "row's stage (\"award\" or another; they run in this order: risk, award, multiply, cap, split, audit)",
        "incentives.csv row 13 (rule \"Incentives_13\"): names no stage; add a RULEFLOW-GROUP column with each "
            + "row's stage (\"award\" or another; they run in this order: risk, award, multiply, cap, split, audit)",
        "incentives.csv row 14 (rule \"Incentives_14\"): names no stage; add a RULEFLOW-GROUP column with each "
            + "row's stage (\"award\" or another; they run in this order: risk, award, multiply, cap, split, audit)");
  }

  @Test
  void anUnknownImportInTheSettings_isReportedAtItsCell() {
    // Drools then fails every rule of the table for the same reason: the first problem is the cause
    assertThat(problems(sampleWith("java.math.RoundingMode\"", "java.math.RoundingMod\""))).first().isEqualTo(
        "incentives.csv row 2, cell B2: Drools: Only a type can be imported. java.math.RoundingMod resolves to a "
            + "package");
  }

  @Test
  void aColumnWhoseStateAndTimeDoNotFollowTheActivity_isRefusedAtItsCell_namingTheColumn() {
    String table = """
        RuleSet,loyalty.t
        Import,"dev.loyalty.core.activity.*, dev.loyalty.rules.facts.*"

        RuleTable T
        RULEFLOW-GROUP,%s,CONDITION,ACTION
        ,,$sale : Sale,
        ,,total.amount >= $param,"insert(PointsAward.of($sale.partner(), $param, ""bonus"", ""Bonus.""));"
        Stage,Column,Minimum,Points
        award,%s,1000,10
        """;
    String how = "to apply a rule from or until a day, fill its DATE-EFFECTIVE or DATE-EXPIRES column (1-Dec-2026) "
        + "(days in the program's time zone, compared with the activity's own day), or install a rule set version "
        + "effective from that date";

    assertThat(problems(table(table.formatted("TIMER", "int: 1s")))).containsExactly("incentives.csv row 9, cell B9 "
        + "(rule \"T_9\"): TIMER would fire the rule later, but an activity is evaluated once, at once, and its "
        + "evaluation never comes back for it; " + how);
    assertThat(problems(table(table.formatted("DURATION", "1000")))).containsExactly("incentives.csv row 9, cell B9 "
        + "(rule \"T_9\"): DURATION would fire the rule later, but an activity is evaluated once, at once, and its "
        + "evaluation never comes back for it; " + how);
    assertThat(problems(table(table.formatted("CALENDARS", "weekdays")))).containsExactly("incentives.csv row 9, "
        + "cell B9 (rule \"T_9\"): CALENDARS are never registered with the engine's sessions, so the rule would never "
        + "fire; to pay on some days only, test the activity's occurredAt in a condition, or " + how);
    assertThat(problems(table(table.formatted("AUTO-FOCUS", "true")))).containsExactly("incentives.csv row 9, cell B9 "
        + "(rule \"T_9\"): AUTO-FOCUS would let the rule fire outside its stage's turn; remove it");
  }

  @Test
  void aMergedPatternCell_countsAsItsFirstCellOnly_inAWorkbookAsInCsv() throws IOException {
    String csv = """
        RuleSet,loyalty.m
        Import,"dev.loyalty.core.activity.*, dev.loyalty.rules.facts.*"

        RuleTable M
        RULEFLOW-GROUP,CONDITION,CONDITION,ACTION
        ,$sale : Sale,,
        ,total.amount >= $param,"kind == ""$param""\","insert(PointsAward.of($sale.partner(), $param, ""bonus"", ""Bonus.""));"
        Stage,Minimum,Kind,Points
        award,1000,sale,10
        """;
    String problem = "incentives.csv row 7, cell C7: syntax error: unexpected '=='; this CONDITION column has no fact "
        + "pattern: cell C6 is empty, so its code stands alone as a condition; write the fact it tests in C6 (Sale, or "
        + "$sale : Sale), once per column: a merged cell counts as its first cell only";
    byte[] merged;
    try (Workbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("M");
      List<List<String>> rows = table(csv).table().orElseThrow().rows();
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).size(); c++) {
          if (!rows.get(r).get(c).isEmpty()) {
            row.createCell(c).setCellValue(rows.get(r).get(c));
          }
        }
      }
      sheet.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(5, 5, 1, 2)); // B6:C6
      workbook.write(out);
      merged = out.toByteArray();
    }

    assertThat(problems(table(csv))).containsExactly(problem);
    assertThat(problems(RuleSource.fromDecisionTable("incentives.xlsx", merged, DecisionTable.Format.XLSX)))
        .containsExactly(problem.replace("incentives.csv", "incentives.xlsx"));
  }

  // ------------------------------------------------------------------ malformed tables

  @Test
  void aTableWithoutRuleTable_isRefusedAsAWhole() {
    assertThat(problems(sampleWith("RuleTable Incentives", "Incentives"))).containsExactly(
        "incentives.csv: no rule table: no cell starts with \"RuleTable\"; a table is a cell \"RuleTable <name>\", "
            + "under it a row of column types (CONDITION, ACTION, RULEFLOW-GROUP, METADATA, ...), a row of fact "
            + "patterns, a row of code with $param, a row of labels, then one row per rule");
  }

  @Test
  void aColumnWithoutItsConditionOrActionHeader_isRefusedAtTheFirstCellUnderIt() {
    assertThat(problems(sampleWith("METADATA,CONDITION,CONDITION,", "METADATA,CONDITION,,"))).containsExactly(
        "incentives.csv row 8, cell D8: this column has no type: cell D7, in the row under RuleTable, is empty; "
            + "write CONDITION, ACTION or an attribute there (RULEFLOW-GROUP, METADATA, ...), or leave the column "
            + "empty");
  }

  @Test
  void aMisspeltColumnType_orAMissingRowOfTypes_isRefusedAtTheCell() {
    String types = "RULEFLOW-GROUP,METADATA,CONDITION,CONDITION,CONDITION,ACTION\n";

    assertThat(problems(sampleWith("METADATA,CONDITION,", "METADATA,KONDITION,"))).containsExactly(
        "incentives.csv row 7, cell C7: \"KONDITION\" is not a column type; did you mean CONDITION? The row under "
            + "RuleTable names each column's type: CONDITION, ACTION, NAME, DESCRIPTION, PRIORITY, DURATION, TIMER, "
            + "ENABLED, CALENDARS, NO-LOOP, LOCK-ON-ACTIVE, AUTO-FOCUS, ACTIVATION-GROUP, AGENDA-GROUP, "
            + "RULEFLOW-GROUP, DATE-EFFECTIVE, DATE-EXPIRES, METADATA");
    assertThat(problems(sampleWith(types, ""))).containsExactly(
        "incentives.csv row 7, cell C7: \"$partner : Partner\" is not a column type. The row under RuleTable names "
            + "each column's type: CONDITION, ACTION, NAME, DESCRIPTION, PRIORITY, DURATION, TIMER, ENABLED, "
            + "CALENDARS, NO-LOOP, LOCK-ON-ACTIVE, AUTO-FOCUS, ACTIVATION-GROUP, AGENDA-GROUP, RULEFLOW-GROUP, "
            + "DATE-EFFECTIVE, DATE-EXPIRES, METADATA");
  }

  @Test
  void anUnparsableCell_isRefusedAtTheCell() {
    String csv = MINIMAL.formatted("PRIORITY,", ",", ",", "Priority,", "10,", "1000", "5000")
        .replace("\naward,5000", "\nhigh,award,5000");

    assertThat(problems(table(csv))).containsExactly(
        "incentives.csv row 10, cell A10: PRIORITY must be a whole number, found \"high\"");
  }

  @Test
  void aFileThatIsNoWorkbook_isRefusedAsAWhole() {
    RuleSource table = RuleSource.fromDecisionTable("incentives.xlsx", "not a workbook".getBytes(StandardCharsets.UTF_8),
        DecisionTable.Format.XLSX);

    assertThat(table.drl()).isEmpty();
    assertThat(problems(table)).containsExactly(
        "incentives.xlsx: cannot read the file as XLSX: Can't open workbook - unsupported file type: UNKNOWN");
  }

  @Test
  void aRuleSetWithABadTable_isRefusedWhole_andThePreviousVersionStaysInForce() {
    DroolsRuleEngine engine = tableAndDrl(RuleSource.fromDecisionTableOnClasspath(SAMPLE));
    RuleSet next = RuleSet.always("2026-08", RuleSource.fromClasspath("examples/tables/launch.drl"),
        sampleWith("RuleTable Incentives", "Incentives"));

    RuleCompilationException refused = catchThrowableOfType(RuleCompilationException.class, () -> engine.install(next));

    assertThat(refused.getMessage()).isEqualTo("rule set 2026-08 refused (1 problem):\nincentives.csv: no rule "
        + "table: no cell starts with \"RuleTable\"; a table is a cell \"RuleTable <name>\", under it a row of column "
        + "types (CONDITION, ACTION, RULEFLOW-GROUP, METADATA, ...), a row of fact patterns, a row of code with "
        + "$param, a row of labels, then one row per rule");
    assertThat(refused.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(RuleProblem.Kind.TABLE);
      assertThat(p.inTable()).isTrue();
      assertThat(p.cell()).isEmpty();
    });
    assertThat(engine.ruleSets()).extracting(RuleSetInfo::version).containsExactly("2026-07");
    assertThat(engine.evaluate(TestFacts.sale("1000").facts()).awards()).extracting(a -> a.rule().toString())
        .containsExactly("cables-dealer@2026-07");
  }

  /** {@code rows} as the first sheet of an .xlsx, numbers as number cells (as someone typing them would get). */
  static byte[] xlsx(List<List<String>> rows) throws IOException {
    try (Workbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("Incentives");
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).size(); c++) {
          String text = rows.get(r).get(c);
          if (text.isEmpty()) {
            continue;
          }
          if (NUMBER.matcher(text).matches()) {
            row.createCell(c).setCellValue(Double.parseDouble(text));
          } else {
            row.createCell(c).setCellValue(text);
          }
        }
      }
      for (int c = 0; c < 6; c++) {
        sheet.setColumnWidth(c, 20 * 256);
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }

  /** Writes the shipped .xlsx from the shipped .csv: {@code theShippedXlsx_isTheCsvAsAWorkbook} checks they agree. */
  public static void main(String[] args) throws IOException {
    Files.write(Path.of(args[0]), xlsx(RuleSource.fromDecisionTableOnClasspath(SAMPLE).table().orElseThrow().rows()));
  }
}
