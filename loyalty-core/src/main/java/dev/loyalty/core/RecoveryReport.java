package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.rewards.RedemptionRecovery;
import java.util.List;
import java.util.Map;

/**
 * What {@link LoyaltyEngine#recover()} did with the activities, redemptions, claims and manual
 * adjustments whose steps had been interrupted.
 *
 * @param finished    finished now, exactly once; never null
 * @param refused     the ledger refused them for a reason no retry changes: they now have a
 *                    {@link Receipt.Status#REFUSED} receipt, with the reason here; never null
 * @param unfinished  still not finished, with why (a store that is down, budgets that kept
 *                    changing); the next {@code recover()} tries them again; never null
 * @param redemptions what it did with redemptions whose change was interrupted (none when the
 *                    engine redeems nothing); never null
 * @param claims      claims it finished: judged, paid, or their held points released; never null
 * @param adjustments approved manual adjustments it posted (or found posted); never null
 */
public record RecoveryReport(List<ActivityId> finished, Map<ActivityId, String> refused,
    Map<ActivityId, String> unfinished, RedemptionRecovery redemptions, List<ClaimId> claims,
    List<ApprovalId> adjustments) {
  public RecoveryReport {
    finished = List.copyOf(requireNonNull(finished, "finished"));
    refused = Map.copyOf(requireNonNull(refused, "refused"));
    unfinished = Map.copyOf(requireNonNull(unfinished, "unfinished"));
    requireNonNull(redemptions, "redemptions");
    claims = List.copyOf(requireNonNull(claims, "claims"));
    adjustments = List.copyOf(requireNonNull(adjustments, "adjustments"));
  }

  /** A report of activities only. */
  public RecoveryReport(List<ActivityId> finished, Map<ActivityId, String> refused,
      Map<ActivityId, String> unfinished) {
    this(finished, refused, unfinished, RedemptionRecovery.none(), List.of(), List.of());
  }

  /** A copy with {@code recovered} as what was done with redemptions. */
  public RecoveryReport withRedemptions(RedemptionRecovery recovered) {
    return new RecoveryReport(finished, refused, unfinished, recovered, claims, adjustments);
  }

  /** A copy that also lists the claims and adjustments finished. */
  public RecoveryReport with(List<ClaimId> finishedClaims, List<ApprovalId> postedAdjustments) {
    return new RecoveryReport(finished, refused, unfinished, redemptions, finishedClaims, postedAdjustments);
  }

  /** Whether every interrupted activity and redemption is settled now (finished or refused). */
  public boolean isComplete() {
    return unfinished.isEmpty() && redemptions.isComplete();
  }
}
