package dev.loyalty.rules.internal;

import dev.loyalty.core.json.internal.Suggestions;
import dev.loyalty.rules.DecisionTable;
import dev.loyalty.rules.RuleProblem;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.ActionType;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.template.parser.DataListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a decision table into DRL with Drools' own {@code SpreadsheetCompiler} machinery, keeping
 * the cells as Drools read them (to report problems at them later), and turns Drools' complaints
 * about a malformed table into {@link RuleProblem}s at the cell they are about.
 */
public final class TableReader {
  private static final Logger LOG = LoggerFactory.getLogger(TableReader.class);
  private static final Pattern CELL = Pattern.compile("\\bcells? \\[?([A-Z]{1,3})(\\d+)");
  private static final Pattern ROW = Pattern.compile("\\bon row: (\\d+)");
  private static final Pattern INVALID_HEADER = Pattern.compile("^Invalid column header: (.*), should be");
  private static final Pattern UNEXPECTED = Pattern.compile("^Unexpected content \"(.*)\" in cell");
  private static final Pattern NOT_INTEGER = Pattern.compile("^(Priority|Duration) is not an integer literal");
  private static final Pattern MAXIMUM = Pattern.compile("^Maximum number of ([A-Z-]+)/\\S+ columns is (\\d+)");
  private static final String RULE_TABLE = "ruletable";
  private static final Pattern RULE_VALUES = Pattern.compile("^\\s*// rule values at [A-Z]{1,3}(\\d+), header at .*$");
  private static final List<String> COLUMN_TYPES = Arrays.stream(ActionType.Code.values())
      .map(ActionType.Code::getColHeader).toList();

  private TableReader() {
  }

  /** The DRL generated from a table, and the table as read ({@code drl} is empty if it could not be). */
  public record Read(String drl, DecisionTable table) {
  }

  /** Reads {@code content} as a decision table in {@code format}, reported as {@code name}. */
  public static Read read(String name, byte[] content, DecisionTable.Format format) {
    Cells cells = new Cells();
    DefaultRuleSheetListener rules = new DefaultRuleSheetListener(true, true);
    InputType type = format == DecisionTable.Format.CSV ? InputType.CSV : InputType.XLS;
    try {
      type.createParser(List.<DataListener>of(cells, rules)).parseFile(new ByteArrayInputStream(content));
      String drl = withoutPhantomRules(new SpreadsheetCompiler().listenerToString(rules), cells.rows);
      return new Read(drl, new DecisionTable(format, cells.rows, List.of()));
    } catch (RuntimeException e) {
      // DecisionTableParseException for a malformed table; POI's exceptions for a file that is no
      // workbook at all: either way a problem of the table, reported when its rule set is compiled.
      LOG.debug("decision table {} could not be read", name, e);
      DecisionTable read = new DecisionTable(format, cells.rows, List.of());
      return new Read("", new DecisionTable(format, cells.rows, List.of(problem(name, read, format, e))));
    }
  }

  /**
   * {@code drl} without the rules Drools generates for rows that hold no value: a table with a row of
   * labels and nothing under it still gets one empty rule (no condition, no action) for the row
   * after the labels, which would be refused as a rule without a stage instead of as a table
   * without rules.
   */
  private static String withoutPhantomRules(String drl, List<List<String>> rows) {
    StringBuilder kept = new StringBuilder();
    String[] lines = drl.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher rule = RULE_VALUES.matcher(lines[i]);
      if (rule.matches()) {
        int row = Integer.parseInt(rule.group(1));
        boolean empty = row > rows.size() || rows.get(row - 1).stream().allMatch(String::isBlank);
        if (empty) {
          while (i < lines.length && !lines[i].strip().equals("end")) {
            i++; // the rule's lines, up to its end
          }
          continue;
        }
      }
      kept.append(lines[i]).append(i + 1 < lines.length ? "\n" : "");
    }
    return kept.toString();
  }

  private static RuleProblem problem(String name, DecisionTable table, DecisionTable.Format format,
      RuntimeException e) {
    String raw = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    if (!e.getClass().getName().endsWith("DecisionTableParseException") || raw.startsWith("Failed to open")) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new RuleProblem(name, 0, 0, Optional.empty(), RuleProblem.Kind.TABLE, "cannot read the file as "
          + format + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
          true);
    }
    int row = 0;
    int column = 0;
    Matcher cell = CELL.matcher(raw);
    Matcher onRow = ROW.matcher(raw);
    if (cell.find()) {
      row = Integer.parseInt(cell.group(2));
      column = TableLocations.columnNumber(cell.group(1));
    } else if (onRow.find()) {
      row = Integer.parseInt(onRow.group(1)) + 1;
    }
    return new RuleProblem(name, row, row > 0 ? column : 0, Optional.empty(), RuleProblem.Kind.TABLE,
        message(raw, table, row, column), true);
  }

  /** Drools' message about a malformed table, in the terms of the table's layout. */
  private static String message(String raw, DecisionTable table, int row, int column) {
    String types = String.join(", ", COLUMN_TYPES);
    Matcher m;
    if (raw.startsWith("No RuleTable")) {
      return "no rule table: no cell starts with \"RuleTable\"; a table is a cell \"RuleTable <name>\", under it a "
          + "row of column types (CONDITION, ACTION, RULEFLOW-GROUP, METADATA, ...), a row of fact patterns, a row "
          + "of code with $param, a row of labels, then one row per rule";
    }
    if ((m = INVALID_HEADER.matcher(raw)).find()) {
      String given = m.group(1).strip();
      return "\"" + given + "\" is not a column type" + Suggestions.closest(given.toUpperCase(Locale.ROOT),
          COLUMN_TYPES).map(s -> "; did you mean " + s + "?").orElse(".") + " The row under RuleTable names each "
          + "column's type: " + types;
    }
    if (raw.contains("does not have an 'ACTION' or 'CONDITION' column header")) {
      int headerRow = headerRowAbove(table, row, column);
      return "this column has no type" + (headerRow > 0 ? ": cell " + DecisionTable.cellName(headerRow, column)
          + ", in the row under RuleTable, is empty" : "") + "; write CONDITION, ACTION or an attribute there "
          + "(RULEFLOW-GROUP, METADATA, ...), or leave the column empty";
    }
    if (raw.contains("does not contain any code specification")) {
      String type = typeOfColumn(table, row, column);
      return "the " + type + " column has no code: write what it " + ("CONDITION".equals(type) ? "tests" : "does")
          + " here, with $param where each row's value goes (for example: category == \"$param\")";
    }
    if (raw.contains("has an empty column header") || raw.startsWith("No code snippet")) {
      return "this value is in a " + typeOfColumn(table, row, column) + " column without code; write the code in "
          + "the row of code of the table (with $param where each row's value goes)";
    }
    if ((m = UNEXPECTED.matcher(raw)).find()) {
      return "a " + typeOfColumn(table, row, column) + " column takes its value from each row, not code: leave "
          + "this cell empty (found \"" + m.group(1) + "\")";
    }
    if ((m = NOT_INTEGER.matcher(raw)).find()) {
      return (m.group(1).equals("Priority") ? "PRIORITY" : "DURATION") + " must be a whole number, found \""
          + table.cell(row, column).orElse("") + "\"";
    }
    if ((m = MAXIMUM.matcher(raw)).find()) {
      return "a table can have only " + (m.group(2).equals("1") ? "one " : m.group(2) + " ") + m.group(1)
          + " column";
    }
    if (raw.startsWith("It looks like you have snippets")) {
      return "code with $param in the row of fact patterns: the row under the column types names the facts "
          + "(Sale, $p : Partner), the row under it holds the code; insert a row";
    }
    return "Drools cannot read the table: " + CELL.matcher(raw).replaceAll("cell $1$2");
  }

  private static int headerRowAbove(DecisionTable table, int row, int column) {
    for (int r = row - 1; r >= 1; r--) {
      for (int c = 1; c <= column; c++) {
        if (table.cell(r, c).map(s -> s.strip().toLowerCase(Locale.ROOT).startsWith(RULE_TABLE)).orElse(false)) {
          return r + 1;
        }
      }
    }
    return 0;
  }

  private static String typeOfColumn(DecisionTable table, int row, int column) {
    int headerRow = headerRowAbove(table, row, column);
    return headerRow > 0 ? table.cell(headerRow, column).map(s -> s.strip().toUpperCase(Locale.ROOT))
        .orElse("untyped") : "untyped";
  }

  /** Records every cell as the parser hands it to Drools' own listener. */
  private static final class Cells implements DataListener {
    final List<List<String>> rows = new ArrayList<>();

    @Override
    public void startSheet(String name) {
      rows.clear();
    }

    @Override
    public void finishSheet() {
      // a CSV gives trailing empty cells where a workbook gives none: the same table either way
      for (List<String> row : rows) {
        while (!row.isEmpty() && row.get(row.size() - 1).isBlank()) {
          row.remove(row.size() - 1);
        }
      }
    }

    @Override
    public void newRow(int rowNumber, int columns) {
      while (rows.size() <= rowNumber) {
        rows.add(new ArrayList<>());
      }
    }

    @Override
    public void newCell(int row, int column, String value, int mergedColStart) {
      newRow(row, 0);
      List<String> cells = rows.get(row);
      while (cells.size() <= column) {
        cells.add("");
      }
      cells.set(column, value == null ? "" : value);
    }
  }
}
