package dev.loyalty.core;

/** A return names an invoice the engine has not recorded, or a review names an activity that is not in review. */
public class UnknownActivityException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** A refusal with {@code message}. */
  public UnknownActivityException(String message) {
    super(message);
  }
}
