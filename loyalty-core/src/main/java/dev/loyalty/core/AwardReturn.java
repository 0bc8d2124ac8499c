package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;

/**
 * What a return took back of one award of the invoice it returns.
 *
 * @param award       the award's index in the invoice's receipt
 * @param beneficiary never null
 * @param points      taken back by this return, not negative
 */
public record AwardReturn(int award, ParticipantId beneficiary, long points) {
  public AwardReturn {
    requireNonNull(beneficiary, "beneficiary");
    if (award < 0 || points < 0) {
      throw new IllegalArgumentException("award index and points must not be negative");
    }
  }
}
