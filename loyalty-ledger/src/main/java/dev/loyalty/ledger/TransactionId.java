package dev.loyalty.ledger;

/**
 * Identifies a journal transaction. Assigned by the store, increasing in the order the store
 * hands them out (which need not be commit order).
 *
 * @param value positive
 */
public record TransactionId(long value) implements Comparable<TransactionId> {
  public TransactionId {
    Checks.requirePositive(value, "transaction id");
  }

  /** Same as {@code new TransactionId(value)}. */
  public static TransactionId of(long value) {
    return new TransactionId(value);
  }

  @Override
  public int compareTo(TransactionId other) {
    return Long.compare(value, other.value);
  }

  // Hand-written: the generated equals and hashCode go through an invokedynamic bootstrap that the
  // profile showed on the hot path (lot ids are compared in every command's working set).
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof TransactionId other && other.value == value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  @Override
  public String toString() {
    return "T" + value;
  }
}
