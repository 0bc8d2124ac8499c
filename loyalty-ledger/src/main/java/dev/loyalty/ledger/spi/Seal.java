package dev.loyalty.ledger.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.TransactionId;
import java.util.Optional;

/**
 * One link of the hash chain: the transaction at chain {@code position}, the content hash it links
 * (fixed when the transaction was written), and
 * {@code hash = SHA-256(previous link's hash || contentHash)}. A link written before content hashes
 * existed has none: its hash is {@code SHA-256(previous link's hash || canonical encoding of the
 * transaction)}.
 *
 * @param position    1-based place in the chain
 * @param transaction never null
 * @param contentHash SHA-256 of the transaction's canonical encoding; empty only for links written
 *                    before content hashes existed; never null
 * @param hash        never null
 */
public record Seal(long position, TransactionId transaction, Optional<Digest> contentHash, Digest hash) {
  public Seal {
    if (position < 1) {
      throw new IllegalArgumentException("seal position must be positive, was " + position);
    }
    requireNonNull(transaction, "transaction");
    requireNonNull(contentHash, "contentHash");
    requireNonNull(hash, "hash");
  }

  /** A link over a content hash fixed at write. */
  public Seal(long position, TransactionId transaction, Digest contentHash, Digest hash) {
    this(position, transaction, Optional.of(contentHash), hash);
  }
}
