package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

/**
 * Identifies a lot: the transaction that created it and a sequence number within it. Lot ids
 * order by creation, which is the tie-break when two lots expire at the same time.
 *
 * @param transaction the creating transaction; never null
 * @param index       0-based position among the lots that transaction created
 */
public record LotId(TransactionId transaction, int index) implements Comparable<LotId> {
  public LotId {
    requireNonNull(transaction, "transaction");
    if (index < 0) {
      throw new IllegalArgumentException("lot index must not be negative, was " + index);
    }
  }

  @Override
  public int compareTo(LotId other) {
    int c = transaction.compareTo(other.transaction);
    return c != 0 ? c : Integer.compare(index, other.index);
  }

  // Hand-written, like TransactionId's: compared for every lot a command touches.
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof LotId other && other.index == index && other.transaction.equals(transaction);
  }

  @Override
  public int hashCode() {
    return 31 * transaction.hashCode() + index;
  }

  @Override
  public String toString() {
    return "L" + transaction.value() + "." + index;
  }
}
