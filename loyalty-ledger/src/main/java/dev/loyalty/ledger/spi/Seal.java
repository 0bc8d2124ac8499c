package dev.loyalty.ledger.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.TransactionId;

/**
 * One link of the hash chain: the transaction at chain {@code position} and
 * {@code hash = SHA-256(previous link's hash || canonical encoding of the transaction)}.
 *
 * @param position    1-based place in the chain
 * @param transaction never null
 * @param hash        never null
 */
public record Seal(long position, TransactionId transaction, Digest hash) {
  public Seal {
    if (position < 1) {
      throw new IllegalArgumentException("seal position must be positive, was " + position);
    }
    requireNonNull(transaction, "transaction");
    requireNonNull(hash, "hash");
  }
}
