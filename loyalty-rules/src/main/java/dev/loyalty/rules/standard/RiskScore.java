package dev.loyalty.rules.standard;

import static java.util.Objects.requireNonNull;

import dev.loyalty.rules.facts.Missed;
import dev.loyalty.rules.facts.RiskAlert;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The sum of a claim's risk signals against the program's thresholds, for the ready-made {@code
 * risk-score} rule: at or above {@code risk.block-score} the claim is blocked, at or above {@code
 * risk.review-score} it waits for a checker, below it is approved; each outcome says which signals
 * made the score.
 *
 * @param total     the sum of the signals' scores
 * @param signals   the signals, by code; never null
 * @param review    the review threshold; positive
 * @param block     the block threshold; 0 when the program sets none
 */
public record RiskScore(long total, List<RiskAlert> signals, long review, long block) {
  /** The rule whose result this is. */
  public static final String RULE = "risk-score";

  public RiskScore {
    signals = List.copyOf(requireNonNull(signals, "signals"));
    if (review <= 0 || block < 0) {
      throw new IllegalArgumentException("risk thresholds must be positive, got review " + review + " and block "
          + block);
    }
  }

  /** The score of {@code signals} (any facts; the alerts with a score count) against the thresholds. */
  public static RiskScore of(Collection<?> signals, long review, long block) {
    List<RiskAlert> scored = new ArrayList<>();
    long total = 0;
    for (Object fact : signals) {
      if (fact instanceof RiskAlert alert && alert.score() > 0) {
        scored.add(alert);
        total = Math.addExact(total, alert.score());
      }
    }
    scored.sort(Comparator.comparing(RiskAlert::code).thenComparing(RiskAlert::reason));
    return new RiskScore(total, scored, review, block);
  }

  /**
   * What the rule inserts: a block alert, a review alert, or (below the review threshold) a
   * {@link Missed} that says the score and why it did not hold the claim.
   */
  public Object result() {
    String made = "Risk score " + total + " (" + String.join(", ", signals.stream()
        .map(s -> s.code() + " " + s.score()).toList()) + ")";
    if (block > 0 && total >= block) {
      return RiskAlert.block(RULE, made + " reaches the block threshold of " + block + ".");
    }
    if (total >= review) {
      return RiskAlert.review(RULE, made + " reaches the review threshold of " + review + ".");
    }
    return Missed.of(RULE, made + " is below the review threshold of " + review + ".");
  }
}
