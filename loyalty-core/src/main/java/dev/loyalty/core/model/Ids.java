package dev.loyalty.core.model;

/** Shared checks for the typed ids of this package. */
final class Ids {
  static final int MAX_LENGTH = 100;

  private Ids() {
  }

  static String require(String value, String what) {
    Names.requireText(value, what, MAX_LENGTH);
    if (!value.strip().equals(value)) {
      throw new IllegalArgumentException(what + " has leading or trailing spaces: '" + value + "'");
    }
    return value;
  }
}
