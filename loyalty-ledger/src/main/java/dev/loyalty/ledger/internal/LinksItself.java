package dev.loyalty.ledger.internal;

/**
 * A store that links its committed transactions into the hash chain itself, from the content
 * hashes it keeps, without the {@link dev.loyalty.ledger.spi.UnsealedTransaction} and
 * {@link dev.loyalty.ledger.spi.Seal} objects of the store SPI: the in-memory store's. Its links
 * are exactly those {@link ChainSealer} would append (SHA-256 of the previous link followed by the
 * transaction's content hash, in commit order). Thread-safe.
 */
public interface LinksItself {

  /**
   * Links up to {@code limit} of the transactions committed and not linked yet, oldest first, with
   * {@code encoder}; how many it linked, or -1 if this store links through the SPI instead (a test's
   * switch). Another sealer that links the same transactions first makes it read the new end and
   * try again, as {@link ChainSealer} does.
   */
  int linkUnsealed(CanonicalEncoder encoder, int limit);
}
