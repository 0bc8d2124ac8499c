package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

/**
 * The caller's name for one command. The first command with a key decides its outcome; the same
 * key with the same request returns that outcome again, with a different request it is refused
 * ({@link IdempotencyConflictException}).
 *
 * @param value 1 to 200 characters, no control characters; never null
 */
public record IdempotencyKey(String value) {

  /** Longest accepted key. */
  public static final int MAX_LENGTH = 200;

  public IdempotencyKey {
    requireNonNull(value, "value");
    Checks.requireText(value, "idempotency key", MAX_LENGTH);
  }

  /** Same as {@code new IdempotencyKey(value)}. */
  public static IdempotencyKey of(String value) {
    return new IdempotencyKey(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
