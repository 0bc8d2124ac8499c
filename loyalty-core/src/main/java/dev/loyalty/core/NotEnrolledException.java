package dev.loyalty.core;

/** The partner or member is enrolled but not active (suspended or terminated). */
public class NotEnrolledException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** A refusal with {@code message}. */
  public NotEnrolledException(String message) {
    super(message);
  }
}
