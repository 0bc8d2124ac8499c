package dev.loyalty.core;

/** An activity, member or referral names a partner that is not enrolled. */
public class UnknownPartnerException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** A refusal with {@code message}. */
  public UnknownPartnerException(String message) {
    super(message);
  }
}
