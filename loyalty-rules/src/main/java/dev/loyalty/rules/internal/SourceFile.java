package dev.loyalty.rules.internal;

import dev.loyalty.rules.RuleProblem;
import dev.loyalty.rules.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One DRL file during compilation: the author's text, the text handed to Drools (with the blocks
 * already known to be wrong blanked out, so that one bad rule does not hide the problems of the
 * others), and the problems found so far. For a decision table, the text is the DRL generated from
 * it, and every problem is moved to the table's row and cell it came from.
 */
final class SourceFile {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][\\w.]*)");
  final int index;
  final RuleSource source;
  final DrlText original;
  DrlText current;
  /** Set when the file cannot be checked further (a syntax error outside any rule). */
  boolean broken;
  final List<RuleProblem> problems = new ArrayList<>();
  /** What compiles but the author should know (a slow construct, a deprecated keyword). */
  final List<RuleProblem> warnings = new ArrayList<>();
  /**
   * How many problems were reported, the same one twice included: a table's rows share their code
   * cells, so a second rule with the problem of the first adds nothing to {@link #problems} but is
   * as wrong.
   */
  int reported;
  /** For a decision table: where its generated DRL came from. */
  private final Optional<TableLocations> table;

  SourceFile(int index, RuleSource source) {
    this.index = index;
    this.source = source;
    this.original = new DrlText(source.drl());
    this.current = original;
    this.table = source.table().map(t -> new TableLocations(t, source.drl()));
    source.table().ifPresent(t -> {
      problems.addAll(t.problems());
      broken = !t.problems().isEmpty();
    });
  }

  /**
   * The path Drools is given for this file (and reports errors under): in the folder of its
   * package, or Drools warns about every build.
   */
  String resourcePath() {
    Matcher pkg = PACKAGE.matcher(source.drl());
    String folder = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
    return folder + "loyalty-source-" + index + ".drl";
  }

  /** Records a problem at 1-based {@code line} and {@code column}, in {@code rule} if known. */
  void problem(int line, int column, Optional<String> rule, RuleProblem.Kind kind, String message) {
    reported++;
    RuleProblem p = at(line, column, rule, kind, message);
    if (!problems.contains(p)) {
      problems.add(p);
    }
  }

  /** Records a problem about the whole file (a table: the whole table), not a place in it. */
  void problemInFile(RuleProblem.Kind kind, String message) {
    reported++;
    RuleProblem p = table.isPresent() ? new RuleProblem(source.name(), 0, 0, Optional.empty(), kind, message, true)
        : new RuleProblem(source.name(), 1, 1, Optional.empty(), kind, message);
    if (!problems.contains(p)) {
      problems.add(p);
    }
  }

  /** Records a warning at 1-based {@code line} and {@code column}: the rule set still compiles. */
  void warning(int line, int column, Optional<String> rule, RuleProblem.Kind kind, String message) {
    RuleProblem p = at(line, column, rule, kind, message);
    if (!warnings.contains(p)) {
      warnings.add(p);
    }
  }

  /** Records a warning at {@code offset} of the text. */
  void warningAt(int offset, Optional<String> rule, RuleProblem.Kind kind, String message) {
    warning(original.lineOf(offset), original.columnOf(offset), rule, kind, message);
  }

  private RuleProblem at(int line, int column, Optional<String> rule, RuleProblem.Kind kind, String message) {
    int safeLine = Math.max(1, Math.min(line, original.lineCount()));
    if (table.isPresent()) {
      TableLocations.Cell cell = table.get().locate(safeLine, Math.max(1, column), message);
      String text = inTableTerms(message) + table.get().emptyPatternAbove(cell).map(p -> "; this CONDITION column "
          + "has no fact pattern: cell " + p + " is empty, so its code stands alone as a condition; write the fact it "
          + "tests in " + p + " (Sale, or $sale : Sale), once per column: a merged cell counts as its first cell only")
          .orElse("");
      // a code or pattern cell is shared by every row: one problem for it, not one per rule
      return new RuleProblem(source.name(), cell.row(), cell.row() > 0 ? cell.column() : 0,
          cell.shared() ? Optional.empty() : rule, kind, text, true);
    }
    return new RuleProblem(source.name(), safeLine, Math.max(1, column), rule, kind, message);
  }

  /** Where 1-based {@code line} and {@code column} are, as a message names a place: "points.drl:4:1". */
  String where(int line, int column) {
    if (table.isEmpty()) {
      return source.name() + ":" + line + ":" + column;
    }
    TableLocations.Cell cell = table.get().locate(line, column);
    return source.name() + (cell.row() > 0 ? " row " + cell.row() : "");
  }

  /** DRL advice a table's author follows with a column instead, and attributes named as their columns. */
  private static String inTableTerms(String message) {
    String m = message.replace("add ruleflow-group \"award\" (or another stage;",
        "add a RULEFLOW-GROUP column with each row's stage (\"award\" or another;")
        .replace("write date-effective \"1-Dec-2026\" or date-expires \"1-Jan-2027\" on it",
            "fill its DATE-EFFECTIVE or DATE-EXPIRES column (1-Dec-2026)")
        .replace("write ruleflow-group \"", "use a RULEFLOW-GROUP column with \"");
    for (String attribute : List.of("timer", "duration", "calendars", "auto-focus", "date-effective", "date-expires",
        "agenda-group")) {
      if (m.startsWith(attribute + " ")) {
        return attribute.toUpperCase(java.util.Locale.ROOT) + m.substring(attribute.length());
      }
    }
    return m;
  }

  /** Records a problem at {@code offset} of the text. */
  void problemAt(int offset, Optional<String> rule, RuleProblem.Kind kind, String message) {
    problem(original.lineOf(offset), original.columnOf(offset), rule, kind, message);
  }

  /**
   * Blanks {@code length} characters of the text handed to Drools from {@code offset} (line breaks
   * kept): for something the engine does itself instead of Drools, such as a rule's date window.
   */
  void blank(int offset, int length) {
    current = current.blank(offset, length);
  }

  /** Blanks the block containing 1-based {@code line}; returns false if the line is in no block. */
  boolean blankBlockAt(int line) {
    Optional<DrlText.Block> block = current.blockAt(line);
    block.ifPresent(b -> current = current.blank(b));
    return block.isPresent();
  }

  /** Blanks the rule named {@code name}; returns false if there is no such rule left. */
  boolean blankRule(String name) {
    Optional<DrlText.Block> block = current.rule(name);
    block.ifPresent(b -> current = current.blank(b));
    return block.isPresent();
  }

  /** The name of the rule whose block contains 1-based {@code line}, if any. */
  Optional<String> ruleAt(int line) {
    return original.blockAt(line).filter(DrlText.Block::isRule).map(DrlText.Block::name);
  }
}
