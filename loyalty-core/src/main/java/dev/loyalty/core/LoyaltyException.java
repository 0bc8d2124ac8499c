package dev.loyalty.core;

/**
 * The root of every refusal the loyalty core reports: an unknown partner, an invalid program, a
 * malformed activity, a duplicate activity id with different content. Unchecked. Its message
 * names the ids and values involved. Programming errors (a null argument) are JDK exceptions.
 */
public class LoyaltyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A refusal with {@code message}. */
  public LoyaltyException(String message) {
    super(message);
  }

  /** A refusal with {@code message} caused by {@code cause}. */
  public LoyaltyException(String message, Throwable cause) {
    super(message, cause);
  }
}
