package dev.loyalty.core;

/** An activity id was recorded before with different content: a second invoice under the same number. Nothing changes. */
public class DuplicateActivityException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** A refusal with {@code message}. */
  public DuplicateActivityException(String message) {
    super(message);
  }
}
