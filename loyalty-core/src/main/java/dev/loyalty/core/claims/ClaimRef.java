package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.model.PartnerId;
import java.time.Instant;

/**
 * Another claim, as a risk fact names it.
 *
 * @param claim       never null
 * @param partner     never null
 * @param claimant    never null
 * @param status      where it stood when this claim was judged; never null
 * @param submittedAt never null
 */
public record ClaimRef(ClaimId claim, PartnerId partner, ActorId claimant, ClaimStatus status, Instant submittedAt) {
  public ClaimRef {
    requireNonNull(claim, "claim");
    requireNonNull(partner, "partner");
    requireNonNull(claimant, "claimant");
    requireNonNull(status, "status");
    requireNonNull(submittedAt, "submittedAt");
  }

  /** The reference to {@code claim}. */
  public static ClaimRef of(Claim claim) {
    return new ClaimRef(claim.id(), claim.partner(), claim.claimant(), claim.status(), claim.submittedAt());
  }

  /** "claim C-1 of partner dealer-b by bob (PAID)" */
  @Override
  public String toString() {
    return "claim " + claim + " of partner " + partner + " by " + claimant + " (" + status + ")";
  }
}
