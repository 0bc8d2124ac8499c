package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What a recovery did to redemptions whose change a crash interrupted.
 *
 * @param finished   the redemptions whose pending change it finished, in the order found; never null
 * @param unfinished those it could not finish now, with why (a store or the fulfilment port that is
 *                   down); the next recovery tries them again; never null
 */
public record RedemptionRecovery(List<RedemptionId> finished, Map<RedemptionId, String> unfinished) {
  public RedemptionRecovery {
    finished = List.copyOf(requireNonNull(finished, "finished"));
    unfinished = Map.copyOf(requireNonNull(unfinished, "unfinished"));
  }

  /** Nothing to recover. */
  public static RedemptionRecovery none() {
    return new RedemptionRecovery(List.of(), Map.of());
  }

  /** Whether every interrupted redemption is finished now. */
  public boolean isComplete() {
    return unfinished.isEmpty();
  }
}
