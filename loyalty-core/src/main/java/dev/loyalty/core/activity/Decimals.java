package dev.loyalty.core.activity;

import java.math.BigDecimal;

/** One form for equal decimals, so that records holding them compare by value, not by scale. */
final class Decimals {
  private Decimals() {
  }

  /** {@code value} without trailing zeros, and never with a negative scale (1E+3 becomes 1000). */
  static BigDecimal normalize(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
