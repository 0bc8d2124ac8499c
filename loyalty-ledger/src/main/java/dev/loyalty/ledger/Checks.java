package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Argument checks shared by the request records; failures are programming errors (IAE).
 *
 * <p>A check that names what it checks as a text and an object ({@code "debit of "} and the
 * account) joins them only when it fails: requests are made on every command, and joining the
 * texts eagerly was a third of the bytes a transfer request allocated.
 */
final class Checks {

  /** Longest metadata key. */
  static final int METADATA_KEY_LENGTH = 100;
  /** Longest metadata value. */
  static final int METADATA_VALUE_LENGTH = 2000;

  private Checks() {}

  /**
   * A name: not blank, at most {@code maxLength} UTF-16 code units, no control character (NUL
   * included), well-formed UTF-16 (no unpaired surrogate).
   */
  static void requireText(String value, String what, int maxLength) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    requireLength(value, what, maxLength);
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(what + " contains a control character (U+"
            + String.format("%04X", (int) value.charAt(i)) + ") at index " + i);
      }
    }
    requireWellFormed(value, what);
  }

  /** Free text (a metadata value): at most {@code maxLength} code units, no NUL, well-formed UTF-16. */
  static void requireFreeText(String value, String what, int maxLength) {
    requireFreeText(value, what, "", maxLength);
  }

  /** {@link #requireFreeText(String, String, int)} of what {@code what + of} names. */
  private static void requireFreeText(String value, String what, Object of, int maxLength) {
    if (value.length() > maxLength || value.indexOf('\0') >= 0 || !isWellFormed(value)) {
      String named = what + of;
      requireLength(value, named, maxLength);
      int nul = value.indexOf('\0');
      if (nul >= 0) {
        throw new IllegalArgumentException(named + " contains a NUL character at index " + nul);
      }
      requireWellFormed(value, named);
    }
  }

  private static boolean isWellFormed(String value) {
    return unpairedSurrogateAt(value) < 0;
  }

  private static void requireLength(String value, String what, int maxLength) {
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          what + " is " + value.length() + " characters long, more than the " + maxLength + " allowed");
    }
  }

  /**
   * Refuses an unpaired surrogate (half of a character outside the BMP, as {@code substring} can
   * leave): it has no UTF-8 encoding, so a store would keep something else ({@code ?}) and two
   * different texts would become one.
   */
  private static void requireWellFormed(String value, String what) {
    int i = unpairedSurrogateAt(value);
    if (i >= 0) {
      throw new IllegalArgumentException(what + " is not well-formed UTF-16: an unpaired surrogate (U+"
          + String.format("%04X", (int) value.charAt(i)) + ") at index " + i);
    }
  }

  /** The index of the first unpaired surrogate in {@code value}, -1 if it has none. */
  private static int unpairedSurrogateAt(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  static Map<String, String> copyMetadata(Map<String, String> metadata) {
    requireNonNull(metadata, "metadata");
    metadata.forEach((k, v) -> {
      requireNonNull(k, "metadata key");
      if (v == null) {
        throw new NullPointerException("metadata value for " + k);
      }
      requireText(k, "metadata key", METADATA_KEY_LENGTH);
      requireFreeText(v, "metadata value for ", k, METADATA_VALUE_LENGTH);
    });
    return Map.copyOf(metadata);
  }

  /**
   * Refuses amounts that do not sum to zero, exactly: the sum is taken in a {@code long} and, if
   * that overflows, again without bound, so whether a set of amounts is accepted does not depend
   * on their order (a partial sum may overflow where the whole does not).
   */
  static void requireSumZero(long[] amounts, String what) {
    requireSumZero(amounts, what, "");
  }

  /** {@link #requireSumZero(long[], String)} of what {@code what + of} names. */
  static void requireSumZero(long[] amounts, String what, Object of) {
    long sum = 0;
    try {
      for (long a : amounts) {
        sum = Math.addExact(sum, a);
      }
    } catch (ArithmeticException overflow) {
      java.math.BigInteger exact = java.math.BigInteger.ZERO;
      for (long a : amounts) {
        exact = exact.add(java.math.BigInteger.valueOf(a));
      }
      if (exact.signum() != 0) {
        throw new IllegalArgumentException(what + of + " sum to " + exact + ", not zero");
      }
      return;
    }
    if (sum != 0) {
      throw new IllegalArgumentException(what + of + " sum to " + sum + ", not zero");
    }
  }

  static void requirePositive(long amount, String what) {
    requirePositive(amount, what, "");
  }

  /** {@link #requirePositive(long, String)} of what {@code what + of} names. */
  static void requirePositive(long amount, String what, Object of) {
    if (amount <= 0) {
      throw new IllegalArgumentException(what + of + " must be positive, was " + amount);
    }
  }
}
