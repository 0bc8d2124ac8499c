package dev.loyalty.core;

/** An activity that is well-formed but does not fit the program or the partner (an invoice in another currency than the partner's, a return of more than was sold). */
public class InvalidActivityException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** A refusal with {@code message}. */
  public InvalidActivityException(String message) {
    super(message);
  }
}
