package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The result of {@link Ledger#verify()}.
 *
 * @param intact       whether every link checked out and every transaction is in the chain
 * @param checked      how many links were checked
 * @param brokenAt     the chain position of the first bad link; never null
 * @param transaction  the transaction at that position; never null
 * @param detail       what was wrong, or "ok"; never null
 * @param head         the hash of the last link (publish it elsewhere to anchor the chain);
 *                     {@link Digest#ZERO} for an empty ledger; never null
 */
public record ChainVerification(
    boolean intact, long checked, Optional<Long> brokenAt, Optional<TransactionId> transaction, String detail,
    Digest head) {
  public ChainVerification {
    requireNonNull(brokenAt, "brokenAt");
    requireNonNull(transaction, "transaction");
    requireNonNull(detail, "detail");
    requireNonNull(head, "head");
  }
}
