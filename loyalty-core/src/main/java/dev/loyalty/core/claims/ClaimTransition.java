package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.model.Names;
import java.time.Instant;
import java.util.Optional;

/**
 * One step of a claim's history: from which status to which, when, by whom and why.
 *
 * @param from   the status before; empty for the first step; never null
 * @param to     the status after; never null
 * @param at     never null
 * @param actor  who acted: the claimant, a checker, or the engine ({@code system:claims}) for the
 *               steps it takes by itself; never null
 * @param reason why, one sentence; not blank, at most 2,000 characters; never null
 */
public record ClaimTransition(Optional<ClaimStatus> from, ClaimStatus to, Instant at, ActorId actor, String reason) {
  public ClaimTransition {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(at, "at");
    requireNonNull(actor, "actor");
    Names.requireText(reason, "reason of a claim's step to " + to, 2_000);
  }

  /** "IN_REVIEW -> PAID at ... by bob: ..." */
  @Override
  public String toString() {
    return from.map(f -> f + " -> ").orElse("") + to + " at " + at + " by " + actor + ": " + reason;
  }
}
