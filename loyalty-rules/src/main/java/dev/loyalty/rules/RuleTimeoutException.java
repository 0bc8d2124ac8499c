package dev.loyalty.rules;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * An evaluation ran past the engine's time limit ({@link DroolsRuleEngine.Builder#evaluationTimeLimit})
 * and was abandoned: the activity is refused and nothing changes. The message names the rule that
 * was running (when a consequence was running; otherwise Drools was matching facts), its place, the
 * rule set, the activity and the limit.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class RuleTimeoutException extends RuleEvaluationException {
  private static final long serialVersionUID = 1L;

  private final Duration limit;
  private final String ruleId;

  /**
   * A refusal described by {@code message}, of an evaluation that ran past {@code limit} while
   * rule {@code ruleId} was running (null when no rule was firing).
   */
  public RuleTimeoutException(String message, Duration limit, Optional<String> ruleId, Throwable cause) {
    super(message, cause);
    this.limit = requireNonNull(limit, "limit");
    this.ruleId = requireNonNull(ruleId, "ruleId").orElse(null);
  }

  /** The time limit the evaluation ran past; never null. */
  public Duration limit() {
    return limit;
  }

  /** The id of the rule whose consequence was running, if one was; never null. */
  public Optional<String> ruleId() {
    return Optional.ofNullable(ruleId);
  }
}
