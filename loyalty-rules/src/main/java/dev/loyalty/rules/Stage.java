package dev.loyalty.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The phases of one evaluation, in the order they run. Every rule names its stage with {@code
 * ruleflow-group "award"} (or the older {@code agenda-group "award"}); a rule without one, or with
 * a name not listed here, is refused when the rule set is compiled.
 *
 * <p>Each stage is a Drools agenda group, and the engine gives them the focus in this order. A stage
 * starts when the one before it has nothing left to fire, and once a stage is over its rules never
 * fire again in that evaluation, even if a later stage changes what they match: that is what lets a
 * cap rule trust that no multiplier runs after it. (Salience bands cannot promise that: a salience
 * is only a priority, so a change made late would wake an early rule again.) Within a stage,
 * salience orders the rules as usual.
 */
public enum Stage {
  /** Checks of the input facts: insert {@code RiskAlert}s (block, review, note). */
  RISK("risk"),
  /** Base awards and bonuses, badges and tier qualifications, from the input facts. */
  AWARD("award"),
  /** Scaling awards: tier and category multipliers ({@code PointsAward.multiply}). */
  MULTIPLY("multiply"),
  /** Limiting awards: caps per activity, partner or campaign ({@code capAt}, {@code reduceBy}). */
  CAP("cap"),
  /** Dividing awards between the organisation and the individual ({@code splitPercent}). */
  SPLIT("split"),
  /** Rules that look at the final results: alerts on unusual totals, badges for totals. */
  AUDIT("audit");

  private static final List<Stage> ORDER = List.of(values());
  private final String group;

  Stage(String group) {
    this.group = group;
  }

  /** The agenda group name rules write ({@code "multiply"}); never null. */
  public String group() {
    return group;
  }

  /** The stage whose group is {@code group}, if any. */
  public static Optional<Stage> ofGroup(String group) {
    return Arrays.stream(values()).filter(s -> s.group.equals(group)).findFirst();
  }

  /** Every stage in the order it runs; never null. */
  public static List<Stage> inOrder() {
    return ORDER;
  }
}
