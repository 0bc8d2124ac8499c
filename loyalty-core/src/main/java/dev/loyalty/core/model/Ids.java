package dev.loyalty.core.model;

/** Shared checks for the typed ids of this package. */
final class Ids {
  static final int MAX_LENGTH = Names.MAX_ID;

  private Ids() {
  }

  static String require(String value, String what) {
    return Names.requireId(value, what);
  }
}
