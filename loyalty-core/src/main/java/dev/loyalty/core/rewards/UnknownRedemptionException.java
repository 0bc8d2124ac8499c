package dev.loyalty.core.rewards;

import dev.loyalty.core.LoyaltyException;

/** No redemption has the id asked for. */
public final class UnknownRedemptionException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** There is no redemption {@code id}. */
  public UnknownRedemptionException(RedemptionId id) {
    super("there is no redemption " + id);
  }
}
