package dev.loyalty.ledger.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import java.util.Optional;

/**
 * A journal row as a store holds it, read for verification: the transaction, or what is wrong with
 * the row (its bytes cannot be read, or the columns a store keeps beside them disagree with them).
 *
 * @param id          the row's transaction id; never null
 * @param transaction the transaction the row holds, when it can be read; never null
 * @param problem     what is wrong with the row; present exactly when {@code transaction} is empty
 *                    or a store found a disagreement; never null
 */
public record StoredTransaction(TransactionId id, Optional<Transaction> transaction, Optional<String> problem) {
  public StoredTransaction {
    requireNonNull(id, "id");
    requireNonNull(transaction, "transaction");
    requireNonNull(problem, "problem");
    if (transaction.isEmpty() && problem.isEmpty()) {
      throw new IllegalArgumentException("row " + id + " holds no transaction but no problem is named");
    }
  }

  /** A row that reads back as {@code tx}. */
  public static StoredTransaction ok(Transaction tx) {
    return new StoredTransaction(tx.id(), Optional.of(tx), Optional.empty());
  }

  /** A row that cannot be trusted, and why. */
  public static StoredTransaction broken(TransactionId id, String problem) {
    return new StoredTransaction(id, Optional.empty(), Optional.of(problem));
  }
}
