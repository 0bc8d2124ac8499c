package dev.loyalty.rules;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Drools decision table a {@link RuleSource} was made from: the cells as Drools read them (the
 * first sheet of a workbook), and what kept the table from becoming rules, if anything. The engine
 * uses the cells to report every problem of the rules generated from the table at the table's row
 * and cell ({@code incentives.csv row 12, cell E12}) instead of a line of generated DRL.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param format   how the table was stored; never null
 * @param rows     the cells, row by row from the first row, each row from column A to its last
 *                 cell that is not blank; a cell Drools was not given is an empty string; never null
 * @param problems why the table could not be turned into rules (no {@code RuleTable}, a column
 *                 without a {@code CONDITION}/{@code ACTION} header, ...); reported with the rule
 *                 set's other problems when it is compiled; empty when the table was read; never null
 */
public record DecisionTable(Format format, List<List<String>> rows, List<RuleProblem> problems) {
  public DecisionTable {
    requireNonNull(format, "format");
    List<List<String>> copy = new ArrayList<>();
    for (List<String> row : requireNonNull(rows, "rows")) {
      copy.add(List.copyOf(row));
    }
    rows = List.copyOf(copy);
    problems = List.copyOf(requireNonNull(problems, "problems"));
  }

  /** The ways a decision table can be stored. */
  public enum Format {
    /** Comma-separated values, UTF-8; a cell with a comma or a quote is quoted ({@code "a ""b"""}). */
    CSV("csv"),
    /** An Excel 97-2003 workbook; the first sheet is read. */
    XLS("xls"),
    /** An Excel 2007+ workbook; the first sheet is read. */
    XLSX("xlsx");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    /** The file name extension, without the dot ({@code "xlsx"}); never null. */
    public String extension() {
      return extension;
    }

    /**
     * The format a file name's extension names ({@code incentives.csv}: {@link #CSV}), in any case.
     *
     * @throws IllegalArgumentException for any other extension
     */
    public static Format ofFileName(String name) {
      requireNonNull(name, "name");
      int dot = name.lastIndexOf('.');
      String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
      for (Format format : values()) {
        if (format.extension.equals(extension)) {
          return format;
        }
      }
      throw new IllegalArgumentException("'" + name + "' is not a decision table: the name must end in .csv, .xls "
          + "or .xlsx (DRL files are read with RuleSource.fromPath or fromClasspath)");
    }
  }

  /**
   * The text of the cell at 1-based {@code row} and {@code column} (A = 1), if it is not blank.
   */
  public Optional<String> cell(int row, int column) {
    if (row < 1 || row > rows.size() || column < 1 || column > rows.get(row - 1).size()) {
      return Optional.empty();
    }
    String text = rows.get(row - 1).get(column - 1);
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  /** The spreadsheet name of the cell at 1-based {@code row} and {@code column}: (12, 3) is "C12". */
  public static String cellName(int row, int column) {
    if (row < 1 || column < 1) {
      throw new IllegalArgumentException("cells are numbered from 1, got row " + row + ", column " + column);
    }
    return columnName(column) + row;
  }

  /** The spreadsheet name of 1-based {@code column}: 1 is "A", 27 is "AA". */
  public static String columnName(int column) {
    if (column < 1) {
      throw new IllegalArgumentException("columns are numbered from 1, got " + column);
    }
    StringBuilder name = new StringBuilder();
    for (int c = column; c > 0; c = (c - 1) / 26) {
      name.insert(0, (char) ('A' + (c - 1) % 26));
    }
    return name.toString();
  }
}
