package dev.loyalty.ledger.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.TransactionId;

/**
 * A committed transaction not linked into the hash chain yet, with the content hash fixed when it
 * was written: what the sealer links, without reading the transaction itself.
 *
 * @param transaction never null
 * @param contentHash SHA-256 of the transaction's canonical encoding, as the ledger computed it when
 *                    it planned the transaction; never null
 */
public record UnsealedTransaction(TransactionId transaction, Digest contentHash) {
  public UnsealedTransaction {
    requireNonNull(transaction, "transaction");
    requireNonNull(contentHash, "contentHash");
  }
}
