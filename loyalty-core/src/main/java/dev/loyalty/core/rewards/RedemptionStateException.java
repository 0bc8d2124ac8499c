package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;

/**
 * A change does not fit where the redemption is (shipping a cancelled order, cancelling a shipped
 * one, returning more units than were delivered, shipping an item that is collected); nothing
 * changed. The message names the redemption, its state and what would fit.
 */
public final class RedemptionStateException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final RedemptionId redemption;
  private final RedemptionStatus status;

  /** {@code redemption}, in {@code status}, refused a change; {@code message} says why. */
  public RedemptionStateException(RedemptionId redemption, RedemptionStatus status, String message) {
    super(requireNonNull(message, "message"));
    this.redemption = requireNonNull(redemption, "redemption");
    this.status = requireNonNull(status, "status");
  }

  /** The redemption; never null. */
  public RedemptionId redemption() {
    return redemption;
  }

  /** Its state when the change was refused; never null. */
  public RedemptionStatus status() {
    return status;
  }
}
