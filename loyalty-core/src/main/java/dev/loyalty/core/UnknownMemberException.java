package dev.loyalty.core;

/** An activity names a member that is not enrolled, or who works for another partner. */
public class UnknownMemberException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** A refusal with {@code message}. */
  public UnknownMemberException(String message) {
    super(message);
  }
}
