package dev.loyalty.core.insights.internal;

import java.math.BigDecimal;

/** One form for equal decimals, so that series and measures compare and print by value, not by scale. */
public final class Decimals {
  private Decimals() {
  }

  /** {@code value} without trailing zeros and never with a negative scale: 7.50 is 7.5, 1E+1 is 10. */
  public static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
