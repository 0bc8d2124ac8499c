package dev.loyalty.core.rules;

/**
 * Decides what an activity earns. The engine calls it once per activity (not for returns, which
 * take back what the sale earned) with everything known about the activity, and turns the outcome
 * into one ledger transaction.
 *
 * <p>Implementations must be thread-safe: the engine evaluates activities of different partners in
 * parallel. They must be deterministic for the same facts and must not read the system clock (use
 * the activity's time): an activity whose awards could not be written is evaluated again.
 */
@FunctionalInterface
public interface RuleEngine {

  /**
   * Evaluates one activity.
   *
   * @param facts never null
   * @return never null
   * @throws RuntimeException if the rules fail; the activity is then refused and nothing changes
   */
  RuleOutcome evaluate(RuleFacts facts);
}
