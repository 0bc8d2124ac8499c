package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.rewards.RedemptionRecovery;
import java.util.List;
import java.util.Map;

/**
 * What {@link LoyaltyEngine#recover()} did with the activities (and redemptions) whose steps had
 * been interrupted.
 *
 * @param finished    finished now, exactly once; never null
 * @param refused     the ledger refused them for a reason no retry changes: they now have a
 *                    {@link Receipt.Status#REFUSED} receipt, with the reason here; never null
 * @param unfinished  still not finished, with why (a store that is down, budgets that kept
 *                    changing); the next {@code recover()} tries them again; never null
 * @param redemptions what it did with redemptions whose change was interrupted (none when the
 *                    engine redeems nothing); never null
 */
public record RecoveryReport(List<ActivityId> finished, Map<ActivityId, String> refused,
    Map<ActivityId, String> unfinished, RedemptionRecovery redemptions) {
  public RecoveryReport {
    finished = List.copyOf(requireNonNull(finished, "finished"));
    refused = Map.copyOf(requireNonNull(refused, "refused"));
    unfinished = Map.copyOf(requireNonNull(unfinished, "unfinished"));
    requireNonNull(redemptions, "redemptions");
  }

  /** A report of activities only. */
  public RecoveryReport(List<ActivityId> finished, Map<ActivityId, String> refused,
      Map<ActivityId, String> unfinished) {
    this(finished, refused, unfinished, RedemptionRecovery.none());
  }

  /** A copy with {@code recovered} as what was done with redemptions. */
  public RecoveryReport withRedemptions(RedemptionRecovery recovered) {
    return new RecoveryReport(finished, refused, unfinished, recovered);
  }

  /** Whether every interrupted activity and redemption is settled now (finished or refused). */
  public boolean isComplete() {
    return unfinished.isEmpty() && redemptions.isComplete();
  }
}
