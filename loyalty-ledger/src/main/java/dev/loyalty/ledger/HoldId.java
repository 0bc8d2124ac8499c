package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

/**
 * Identifies a hold: the id of the {@link TransactionType#HOLD} transaction that opened it.
 *
 * @param transaction never null
 */
public record HoldId(TransactionId transaction) implements Comparable<HoldId> {
  public HoldId {
    requireNonNull(transaction, "transaction");
  }

  /** The hold opened by transaction {@code value}. */
  public static HoldId of(long value) {
    return new HoldId(TransactionId.of(value));
  }

  @Override
  public int compareTo(HoldId other) {
    return transaction.compareTo(other.transaction);
  }

  @Override
  public String toString() {
    return "H" + transaction.value();
  }
}
