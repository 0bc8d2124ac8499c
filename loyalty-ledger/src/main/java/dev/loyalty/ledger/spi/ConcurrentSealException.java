package dev.loyalty.ledger.spi;

/**
 * Another sealer extended the hash chain first; the caller reads the new end and tries again.
 */
public final class ConcurrentSealException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message names the position that was expected */
  public ConcurrentSealException(String message) {
    super(message);
  }
}
