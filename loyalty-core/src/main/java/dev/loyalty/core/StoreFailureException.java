package dev.loyalty.core;

/**
 * A store could not do its work: the database went away, a conflict persisted through every retry,
 * the schema is missing or of another version. Unlike the other {@link LoyaltyException}s it says
 * nothing about the input: nothing of the call that failed was kept, and a {@linkplain
 * #isTransient() transient} failure may succeed when the same call is made again. (The ledger's
 * own store failures are {@code dev.loyalty.ledger.spi.LedgerStoreException}s, with the same flag.)
 */
public class StoreFailureException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  /**
   * @param message          what failed, naming the store
   * @param cause            the underlying failure; may be null
   * @param transientFailure whether making the same call again may succeed
   */
  public StoreFailureException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** Whether making the same call again may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }
}
