package dev.loyalty.core.insights;

import dev.loyalty.core.LoyaltyException;

/** A campaign the program does not define was asked about; the message names it and the program. */
public final class UnknownCampaignException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** With {@code message}. */
  public UnknownCampaignException(String message) {
    super(message);
  }
}
