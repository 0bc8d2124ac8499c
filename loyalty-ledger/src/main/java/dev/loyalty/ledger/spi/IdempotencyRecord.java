package dev.loyalty.ledger.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.TransactionId;
import java.util.Optional;

/**
 * The first outcome of a key: the transaction it wrote, the refusal it got, or neither (an
 * expiry run that found nothing to expire).
 *
 * @param key         never null
 * @param fingerprint SHA-256 of the request's canonical encoding; never null
 * @param transaction never null
 * @param rejection   never null; not present together with {@code transaction}
 */
public record IdempotencyRecord(
    IdempotencyKey key, Digest fingerprint, Optional<TransactionId> transaction, Optional<Rejection> rejection) {
  public IdempotencyRecord {
    requireNonNull(key, "key");
    requireNonNull(fingerprint, "fingerprint");
    requireNonNull(transaction, "transaction");
    requireNonNull(rejection, "rejection");
    if (transaction.isPresent() && rejection.isPresent()) {
      throw new IllegalArgumentException("key " + key + " cannot have both a transaction and a rejection");
    }
  }
}
