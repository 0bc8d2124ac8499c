package dev.loyalty.ledger.spi;

/**
 * A store could not do its work (the database went away, a deadlock persisted through every
 * retry, the schema is missing). Unlike a {@link dev.loyalty.ledger.LedgerException} this says
 * nothing about the command: nothing was written, and a {@linkplain #isTransient() transient}
 * failure may succeed when the same command (with its key) is sent again.
 */
public class LedgerStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  /**
   * @param message          what failed
   * @param cause            the underlying failure; may be null
   * @param transientFailure whether retrying the same command may succeed
   */
  public LedgerStoreException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** Whether sending the same command again (same key) may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }
}
