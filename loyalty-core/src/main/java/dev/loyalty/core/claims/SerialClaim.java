package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.model.PartnerId;
import java.time.Instant;

/**
 * A serial number claimed by a claim: who claimed the unit, for which partner, and when.
 *
 * @param serial    the serial number's key (letters and digits, upper-cased); never null
 * @param claim     never null
 * @param partner   never null
 * @param claimant  never null
 * @param claimedAt never null
 */
public record SerialClaim(String serial, ClaimId claim, PartnerId partner, ActorId claimant, Instant claimedAt) {
  public SerialClaim {
    ClaimTexts.requireId(serial, "serial number");
    requireNonNull(claim, "claim");
    requireNonNull(partner, "partner");
    requireNonNull(claimant, "claimant");
    requireNonNull(claimedAt, "claimedAt");
  }
}
