package dev.loyalty.core.adjustments;

import dev.loyalty.core.LoyaltyException;

/** A debit asks for more points than the participant's wallet has available; nothing changed. */
public final class InsufficientPointsException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** Refuses with {@code message}, which names the participant, the points asked and available. */
  public InsufficientPointsException(String message) {
    super(message);
  }
}
