package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What the command executed under an idempotency key came to, as the ledger remembers it
 * ({@link Ledger#outcome}): for a caller that lost the answer (a crash, another application
 * instance) and must not execute the command again just to learn it.
 *
 * @param key         the key; never null
 * @param transaction the transaction the command wrote; empty when it was refused, or for an
 *                    expiry run that found nothing; never null
 * @param refusal     why it was refused, as it was refused then; never null
 */
public record KeyOutcome(IdempotencyKey key, Optional<Transaction> transaction, Optional<LedgerException> refusal) {

  public KeyOutcome {
    requireNonNull(key, "key");
    requireNonNull(transaction, "transaction");
    requireNonNull(refusal, "refusal");
    if (transaction.isPresent() && refusal.isPresent()) {
      throw new IllegalArgumentException("key " + key + " cannot have both a transaction and a refusal");
    }
  }

  /** Whether the ledger accepted the command. */
  public boolean isAccepted() {
    return refusal.isEmpty();
  }
}
