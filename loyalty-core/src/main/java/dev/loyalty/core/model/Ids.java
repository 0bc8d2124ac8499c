package dev.loyalty.core.model;

import static java.util.Objects.requireNonNull;

/** Shared checks for the typed ids of this package. */
final class Ids {
  static final int MAX_LENGTH = 100;

  private Ids() {
  }

  static String require(String value, String what) {
    requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_LENGTH + " characters: " + value);
    }
    if (!value.strip().equals(value)) {
      throw new IllegalArgumentException(what + " has leading or trailing spaces: '" + value + "'");
    }
    return value;
  }
}
