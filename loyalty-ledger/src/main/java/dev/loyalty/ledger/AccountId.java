package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

/**
 * Identifies a ledger account. Chosen by the caller (for example {@code "wallet:dealer-17"} or
 * {@code "budget:campaign-diwali"}); the ledger gives it no meaning.
 *
 * @param value 1 to 200 characters, no control characters, well-formed UTF-16; never null
 */
public record AccountId(String value) implements Comparable<AccountId> {

  /** Longest accepted id, so that every store can keep it in a bounded column. */
  public static final int MAX_LENGTH = 200;

  public AccountId {
    requireNonNull(value, "value");
    Checks.requireText(value, "account id", MAX_LENGTH);
  }

  /** Same as {@code new AccountId(value)}. */
  public static AccountId of(String value) {
    return new AccountId(value);
  }

  @Override
  public int compareTo(AccountId other) {
    return value.compareTo(other.value);
  }

  // Hand-written, like TransactionId's: account ids are map keys on every command's path.
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof AccountId other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
