package dev.loyalty.core.activity;

import static java.util.Objects.requireNonNull;

/** Checks for the free-text fields of activities. */
final class Texts {
  static final int MAX_LENGTH = 200;

  private Texts() {
  }

  static String require(String value, String what) {
    requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_LENGTH + " characters");
    }
    return value;
  }
}
