package dev.loyalty.rules.internal;

import dev.loyalty.rules.DecisionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the cell of a decision table that a position in the DRL generated from it came from. Drools
 * writes {@code // rule values at A12, header at A6} above each rule it generates: the row, and
 * where the table's header is. Under the {@code RuleTable} cell come the row of column types, the
 * row of fact patterns, the row of code (with {@code $param}), the row of labels, then one row per
 * rule. A generated line is the code of some columns with each row's value put in for {@code
 * $param}: the position falls in a value (the rule's own cell), in the code (the code cell, shared
 * by every row) or in a fact pattern (the pattern cell).
 */
final class TableLocations {
  private static final Pattern RULE_COMMENT =
      Pattern.compile("^\\s*// rule values at ([A-Z]{1,3})(\\d+), header at ([A-Z]{1,3})(\\d+)\\s*$");
  private static final Pattern PARAM = Pattern.compile("\\$param|\\$(\\d+)");
  private static final Pattern NUMBER = Pattern.compile("-?[\\d.,]+");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$.-]*");
  private static final int TYPES = 1;
  private static final int PATTERNS = 2;
  private static final int CODE = 3;

  private final DecisionTable table;
  private final String[] lines;

  /** Where a DRL position came from: a table cell, or only a row (column 0), or nothing (row 0). */
  record Cell(int row, int column, boolean shared) {
  }

  TableLocations(DecisionTable table, String drl) {
    this.table = table;
    this.lines = drl.split("\n", -1);
  }

  /** The 1-based number of a column named {@code name} ("C" is 3), or -1 if it is not a column name. */
  static int columnNumber(String name) {
    int number = 0;
    for (char ch : name.toCharArray()) {
      if (ch < 'A' || ch > 'Z') {
        return -1;
      }
      number = number * 26 + (ch - 'A' + 1);
    }
    return name.isEmpty() ? -1 : number;
  }

  /**
   * The name of the empty pattern cell above {@code cell}, when {@code cell} is the code of a
   * CONDITION column whose pattern cell is empty: its code then stands alone as a condition, which
   * is fine for a whole pattern ({@code Sale( total.amount > $param )}) but not for a constraint.
   */
  Optional<String> emptyPatternAbove(Cell cell) {
    if (cell.row() < 3 || cell.column() < 1 || !cell.shared()) {
      return Optional.empty();
    }
    boolean condition = table.cell(cell.row() - 2, cell.column()).map(t -> t.strip().equalsIgnoreCase("CONDITION"))
        .orElse(false);
    return condition && table.cell(cell.row() - 1, cell.column()).isEmpty()
        ? Optional.of(DecisionTable.cellName(cell.row() - 1, cell.column())) : Optional.empty();
  }

  /** The cell 1-based {@code line} and {@code column} of the generated DRL came from. */
  Cell locate(int line, int column) {
    return locate(line, column, "");
  }

  /**
   * The cell 1-based {@code line} and {@code column} of the generated DRL came from, for a problem
   * saying {@code message}: when the position is in code every row shares but the message names
   * one of the row's values ("cannot compile 'total.amount >= abc'"), the value's cell.
   */
  Cell locate(int line, int column, String message) {
    if (line < 1 || line > lines.length) {
      return new Cell(0, 0, false);
    }
    Matcher comment = null;
    for (int l = line; l >= 1; l--) {
      String text = lines[l - 1];
      if (l < line && text.strip().equals("end")) {
        break;
      }
      Matcher m = RULE_COMMENT.matcher(text);
      if (m.matches()) {
        comment = m;
        break;
      }
    }
    if (comment == null) {
      return outsideRules(lines[line - 1], column, message);
    }
    int row = Integer.parseInt(comment.group(2));
    int headerColumn = columnNumber(comment.group(3));
    int header = Integer.parseInt(comment.group(4));
    String generated = lines[line - 1];
    Cell cell = inRule(generated, column, row, header, headerColumn);
    if (cell.shared() || cell.column() == 0) {
      for (int c = headerColumn; c <= columns(header); c++) {
        String value = table.cell(row, c).map(String::strip).orElse("");
        String code = table.cell(header + CODE, c).orElse("");
        if (value.length() > 1 && !NUMBER.matcher(value).matches() && !code.contains(value)
            && indexOfToken(generated, value, 0) >= 0 && indexOfToken(message, value, 0) >= 0) {
          return new Cell(row, c, false);
        }
      }
    }
    return cell;
  }

  private int columns(int header) {
    return table.rows().size() >= header + TYPES ? table.rows().get(header + TYPES - 1).size() : 0;
  }

  /** The first index of {@code token} in {@code text} from {@code from} that is not part of a longer word. */
  private static int indexOfToken(String text, String token, int from) {
    for (int at = text.indexOf(token, from); at >= 0; at = text.indexOf(token, at + 1)) {
      int end = at + token.length();
      boolean startsClean = at == 0 || !Character.isLetterOrDigit(token.charAt(0))
          || !isWordChar(text.charAt(at - 1));
      boolean endsClean = end == text.length() || !Character.isLetterOrDigit(token.charAt(token.length() - 1))
          || !isWordChar(text.charAt(end));
      if (startsClean && endsClean) {
        return at;
      }
    }
    return -1;
  }

  private static boolean isWordChar(char ch) {
    return Character.isLetterOrDigit(ch) || ch == '_';
  }

  private Cell inRule(String generated, int at, int row, int header, int firstColumn) {
    int offset = at - 1;
    List<int[]> spans = new ArrayList<>(); // start, end, row, column, shared
    int lastColumn = columns(header);
    for (int c = firstColumn; c <= lastColumn; c++) {
      if (table.cell(header + TYPES, c).isEmpty()) {
        continue;
      }
      String value = table.cell(row, c).map(String::strip).orElse("");
      String code = table.cell(header + CODE, c).map(String::strip).orElse("");
      String pattern = table.cell(header + PATTERNS, c).map(String::strip).orElse("");
      if (!value.isEmpty()) {
        addCodeSpans(spans, generated, code, value, row, header + CODE, c);
      }
      if (!pattern.isEmpty()) {
        int p = generated.indexOf(pattern);
        if (p >= 0) {
          spans.add(new int[] {p, p + pattern.length(), header + PATTERNS, c, 1});
        }
      }
    }
    int[] best = null;
    for (int[] span : spans) {
      if (offset >= span[0] && offset < span[1] && (best == null || span[1] - span[0] < best[1] - best[0])) {
        best = span;
      }
    }
    if (best == null) {
      // before or after everything the cells gave: the nearest cell of the row on this line
      for (int[] span : spans) {
        if (span[4] == 0 && span[2] == row && (best == null
            || Math.abs(span[0] - offset) < Math.abs(best[0] - offset))) {
          best = span;
        }
      }
    }
    return best == null ? new Cell(row, 0, false) : new Cell(best[2], best[3], best[4] == 1);
  }

  /**
   * The spans of {@code generated} that a column's code with {@code value} put in for {@code $param}
   * fills: the value (the rule's cell) and the code around it (the code cell).
   */
  private static void addCodeSpans(List<int[]> spans, String generated, String code, String value, int row,
      int codeRow, int column) {
    if (!code.isEmpty() && PARAM.matcher(code).find()) {
      String[] parts = value.split(",", -1);
      StringBuilder expected = new StringBuilder();
      List<int[]> valueSpans = new ArrayList<>();
      Matcher m = PARAM.matcher(code);
      int last = 0;
      while (m.find()) {
        expected.append(code, last, m.start());
        String put = m.group(1) == null ? value
            : Integer.parseInt(m.group(1)) <= parts.length ? parts[Integer.parseInt(m.group(1)) - 1].strip() : "";
        valueSpans.add(new int[] {expected.length(), expected.length() + put.length()});
        expected.append(put);
        last = m.end();
      }
      expected.append(code.substring(last));
      int at = generated.indexOf(expected.toString());
      if (at >= 0) {
        for (int[] v : valueSpans) {
          spans.add(new int[] {at + v[0], at + v[1], row, column, 0});
        }
        spans.add(new int[] {at, at + expected.length(), codeRow, column, 1});
        return;
      }
    }
    int at = indexOfToken(generated, value, 0);
    if (at >= 0) {
      spans.add(new int[] {at, at + value.length(), row, column, 0});
    }
  }

  /** A line outside the rules (package, imports, functions): the settings cell holding its text. */
  private Cell outsideRules(String generated, int column, String message) {
    List<String> wanted = new ArrayList<>();
    // Drools reports some of these at no line ("Only a type can be imported. a.b.C resolves to a
    // package"): a qualified name the message gives is the better clue
    Matcher named = WORD.matcher(message);
    while (named.find()) {
      String name = named.group().replaceAll("\\.+$", "");
      if (name.indexOf('.') > 0) {
        wanted.add(name);
      }
    }
    String rest = generated.strip().replaceFirst("^(import|package|function)\\s+", "").replaceFirst(";$", "");
    if (!rest.isEmpty()) {
      wanted.add(rest);
    }
    Matcher m = WORD.matcher(generated);
    while (m.find()) {
      if (m.start() <= column - 1 && column - 1 < m.end()) {
        wanted.add(m.group());
      }
    }
    for (String text : wanted) {
      for (int r = 1; r <= table.rows().size(); r++) {
        for (int c = 1; c <= table.rows().get(r - 1).size(); c++) {
          if (table.cell(r, c).orElse("").contains(text)) {
            return new Cell(r, c, true);
          }
        }
      }
    }
    return new Cell(0, 0, true);
  }
}
