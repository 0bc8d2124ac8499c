package dev.loyalty.rules;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One problem of a refused rule set, where a DRL author would look for it.
 *
 * @param source  the name of the DRL file ({@link RuleSource#name()}); never null
 * @param line    1-based line in that file
 * @param column  1-based column in that line
 * @param rule    the rule it is in, if it is in one; never null
 * @param kind    never null
 * @param message what is wrong, in the author's terms; never null or blank
 */
public record RuleProblem(String source, int line, int column, Optional<String> rule, Kind kind, String message) {
  public RuleProblem {
    requireNonNull(source, "source");
    requireNonNull(rule, "rule");
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("problem positions are 1-based, got " + line + ":" + column);
    }
    if (message.isBlank()) {
      throw new IllegalArgumentException("a rule problem needs a message");
    }
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
    /** Anything else Drools refused. */
    OTHER
  }

  /** {@code points.drl:12:5: rule "base points": message}. */
  @Override
  public String toString() {
    return source + ":" + line + ":" + column + ": " + rule.map(r -> "rule \"" + r + "\": ").orElse("") + message;
  }
}
