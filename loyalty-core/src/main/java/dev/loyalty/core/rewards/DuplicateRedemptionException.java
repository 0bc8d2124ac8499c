package dev.loyalty.core.rewards;

import dev.loyalty.core.LoyaltyException;

/** A redemption id was used before for a different request; nothing changed. The message shows both. */
public final class DuplicateRedemptionException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** {@code request} reuses the id of {@code existing}, which asked for something else. */
  public DuplicateRedemptionException(RedemptionRequest existing, RedemptionRequest request) {
    super("redemption " + request.id() + " was made before for a different request: " + existing
        + "; this one is " + request + "; a new redemption needs a new id");
  }
}
