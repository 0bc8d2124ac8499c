package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** Argument checks shared by the request records; failures are programming errors (IAE). */
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
    requireLength(value, what, maxLength);
    int nul = value.indexOf('\0');
    if (nul >= 0) {
      throw new IllegalArgumentException(what + " contains a NUL character at index " + nul);
    }
    requireWellFormed(value, what);
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
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(what + " is not well-formed UTF-16: an unpaired surrogate (U+"
            + String.format("%04X", (int) c) + ") at index " + i);
      }
    }
  }

  static Map<String, String> copyMetadata(Map<String, String> metadata) {
    requireNonNull(metadata, "metadata");
    metadata.forEach((k, v) -> {
      requireNonNull(k, "metadata key");
      requireNonNull(v, "metadata value for " + k);
      requireText(k, "metadata key", METADATA_KEY_LENGTH);
      requireFreeText(v, "metadata value for " + k, METADATA_VALUE_LENGTH);
    });
    return Map.copyOf(metadata);
  }

  /**
   * Refuses amounts that do not sum to zero, exactly: the sum is taken in a {@code long} and, if
   * that overflows, again without bound, so whether a set of amounts is accepted does not depend
   * on their order (a partial sum may overflow where the whole does not).
   */
  static void requireSumZero(long[] amounts, String what) {
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
        throw new IllegalArgumentException(what + " sum to " + exact + ", not zero");
      }
      return;
    }
    if (sum != 0) {
      throw new IllegalArgumentException(what + " sum to " + sum + ", not zero");
    }
  }

  static void requirePositive(long amount, String what) {
    if (amount <= 0) {
      throw new IllegalArgumentException(what + " must be positive, was " + amount);
    }
  }
}
