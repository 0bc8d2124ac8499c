package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** Argument checks shared by the request records; failures are programming errors (IAE). */
final class Checks {

  private Checks() {}

  static void requireText(String value, String what, int maxLength) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          what + " is " + value.length() + " characters long, more than the " + maxLength + " allowed");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(what + " contains a control character at index " + i);
      }
    }
  }

  static Map<String, String> copyMetadata(Map<String, String> metadata) {
    requireNonNull(metadata, "metadata");
    metadata.forEach((k, v) -> {
      requireNonNull(k, "metadata key");
      requireNonNull(v, "metadata value for " + k);
      requireText(k, "metadata key", 100);
      if (v.length() > 2000) {
        throw new IllegalArgumentException("metadata value for " + k + " is longer than 2000 characters");
      }
    });
    return Map.copyOf(metadata);
  }

  static void requirePositive(long amount, String what) {
    if (amount <= 0) {
      throw new IllegalArgumentException(what + " must be positive, was " + amount);
    }
  }
}
