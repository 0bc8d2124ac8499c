package dev.loyalty.rules;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One problem of a refused rule set, where its author would look for it: a line and column of a
 * DRL file, or a row and cell of a decision table.
 *
 * @param source  the name of the DRL file or decision table ({@link RuleSource#name()}); never null
 * @param line    1-based line in a DRL file; in a decision table the 1-based row, or 0 when the
 *                problem is about the whole table
 * @param column  1-based column in that line; in a decision table the 1-based column (A = 1), or 0
 *                when the problem is about the whole row
 * @param rule    the rule it is in, if it is in one; never null
 * @param kind    never null
 * @param message what is wrong, in the author's terms; never null or blank
 * @param inTable whether {@code source} is a decision table, and so {@code line} and {@code column}
 *                a row and a column of it
 */
public record RuleProblem(String source, int line, int column, Optional<String> rule, Kind kind, String message,
    boolean inTable) {
  public RuleProblem {
    requireNonNull(source, "source");
    requireNonNull(rule, "rule");
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
    if (inTable ? line < 0 || column < 0 || line == 0 && column > 0 : line < 1 || column < 1) {
      throw new IllegalArgumentException((inTable ? "table rows and columns are 1-based (0 for all), got row "
          + line + ", column " : "problem positions are 1-based, got " + line + ":") + column);
    }
    if (message.isBlank()) {
      throw new IllegalArgumentException("a rule problem needs a message");
    }
  }

  /** A problem at {@code line}:{@code column} of a DRL file. */
  public RuleProblem(String source, int line, int column, Optional<String> rule, Kind kind, String message) {
    this(source, line, column, rule, kind, message, false);
  }

  /** The decision table cell it is at ("E12"), when it is at one. */
  public Optional<String> cell() {
    return inTable && line > 0 && column > 0 ? Optional.of(DecisionTable.cellName(line, column)) : Optional.empty();
  }

  /** The kinds of problem, so that tools can group them. */
  public enum Kind {
    /** The DRL does not parse. */
    SYNTAX,
    /** A pattern names a type that is not imported or does not exist. */
    UNKNOWN_TYPE,
    /** A condition reads a field (or calls a method) the fact does not have. */
    UNKNOWN_FIELD,
    /** A condition uses a {@code $variable} no pattern of the rule binds. */
    UNKNOWN_VARIABLE,
    /** A condition compares a field with a value of another type (a number with text). */
    TYPE_MISMATCH,
    /** The Java of a consequence ({@code then} part) does not compile. */
    CONSEQUENCE,
    /** Two rules of one package have the same name. */
    DUPLICATE_RULE,
    /** Two rules have the same {@code @ruleId}. */
    DUPLICATE_RULE_ID,
    /** A rule names no stage, an unknown one, or uses {@code auto-focus}. */
    STAGE,
    /**
     * A decision table's layout is not one Drools can read: no {@code RuleTable}, a column whose
     * type is not {@code CONDITION}, {@code ACTION} or an attribute, a column without code, ...
     */
    TABLE,
    /**
     * A construct that depends on the time a rule runs rather than the activity's own date ({@code
     * timer}, {@code calendars}, temporal operators, event windows), or a malformed {@code
     * date-effective}/{@code date-expires}.
     */
    TIME,
    /**
     * Code that reaches outside the fact vocabulary (files, the network, reflection, threads,
     * {@code System}, {@code Runtime}, class loading, the engine's internals) in a rule set that is
     * not trusted.
     */
    OUTSIDE_VOCABULARY,
    /** A file with no rule, function, query or declaration in it (empty, or comments only). */
    EMPTY,
    /** A warning: a construct Drools runs slowly or imprecisely ({@code eval}, class reactivity). */
    PERFORMANCE,
    /** A warning: a keyword Drools still accepts but will drop ({@code agenda-group}). */
    DEPRECATED,
    /** Anything else Drools refused. */
    OTHER
  }

  /**
   * {@code points.drl:12:5: rule "base points": message}; in a decision table {@code incentives.csv
   * row 12, cell E12 (rule "Incentives_12"): message}, without the cell when the problem is about
   * the whole row, and without the row when it is about the whole table.
   */
  @Override
  public String toString() {
    if (inTable) {
      return source + (line > 0 ? " row " + line : "") + cell().map(c -> ", cell " + c).orElse("")
          + rule.map(r -> " (rule \"" + r + "\")").orElse("") + ": " + message;
    }
    return source + ":" + line + ":" + column + ": " + rule.map(r -> "rule \"" + r + "\": ").orElse("") + message;
  }
}
