package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

/**
 * The caller's name for one command. The first command with a key decides its outcome; the same
 * key with the same request returns that outcome again, with a different request it is refused
 * ({@link IdempotencyConflictException}).
 *
 * <p>Keys starting with {@link #RESERVED_PREFIX} belong to the ledger (the keys of the voids a
 * timeout sweep makes, say): a command of the caller's under such a key is refused
 * ({@link InvalidCommandException}), so no caller can take a key the ledger will need.
 *
 * @param value 1 to 200 characters, no control characters, well-formed UTF-16; never null
 */
public record IdempotencyKey(String value) {

  /** Longest accepted key. */
  public static final int MAX_LENGTH = 200;

  /** The start of the keys the ledger makes for its own commands; refused in the caller's commands. */
  public static final String RESERVED_PREFIX = "~ledger/";

  public IdempotencyKey {
    requireNonNull(value, "value");
    Checks.requireText(value, "idempotency key", MAX_LENGTH);
  }

  /** Same as {@code new IdempotencyKey(value)}. */
  public static IdempotencyKey of(String value) {
    return new IdempotencyKey(value);
  }

  /** Whether this key is in the ledger's reserved namespace ({@link #RESERVED_PREFIX}). */
  public boolean isReserved() {
    return value.startsWith(RESERVED_PREFIX);
  }

  /** A key of the ledger's own, in the reserved namespace. */
  static IdempotencyKey reserved(String suffix) {
    return new IdempotencyKey(RESERVED_PREFIX + suffix);
  }

  // Hand-written, like TransactionId's: the store compares keys on every command.
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof IdempotencyKey other && other.value.equals(value);
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
