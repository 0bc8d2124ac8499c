package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import java.util.List;
import java.util.Map;

/**
 * What {@link LoyaltyEngine#recover()} did with the activities whose steps had been interrupted.
 *
 * @param finished   finished now, exactly once; never null
 * @param refused    the ledger refused them for a reason no retry changes: they now have a
 *                   {@link Receipt.Status#REFUSED} receipt, with the reason here; never null
 * @param unfinished still not finished, with why (a store that is down, budgets that kept
 *                   changing); the next {@code recover()} tries them again; never null
 */
public record RecoveryReport(List<ActivityId> finished, Map<ActivityId, String> refused,
    Map<ActivityId, String> unfinished) {
  public RecoveryReport {
    finished = List.copyOf(requireNonNull(finished, "finished"));
    refused = Map.copyOf(requireNonNull(refused, "refused"));
    unfinished = Map.copyOf(requireNonNull(unfinished, "unfinished"));
  }

  /** Whether every interrupted activity is settled now (finished or refused). */
  public boolean isComplete() {
    return unfinished.isEmpty();
  }
}
