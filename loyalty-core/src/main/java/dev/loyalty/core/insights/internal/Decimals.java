package dev.loyalty.core.insights.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * One form for equal decimals, so that series and measures compare and print by value, not by scale;
 * and one way to compute a ratio.
 */
public final class Decimals {
  private Decimals() {
  }

  /** {@code value} without trailing zeros and never with a negative scale: 7.50 is 7.5, 1E+1 is 10. */
  public static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * {@code numerator / denominator} to 16 significant digits, half-even, in {@link #plain} form;
   * empty when the denominator is not positive (a rate of nothing is undefined, not 0).
   */
  public static Optional<BigDecimal> ratio(BigDecimal numerator, BigDecimal denominator) {
    if (denominator.signum() <= 0) {
      return Optional.empty();
    }
    return Optional.of(plain(numerator.divide(denominator, MathContext.DECIMAL64)));
  }

  /** {@link #ratio(BigDecimal, BigDecimal)} of whole numbers. */
  public static Optional<BigDecimal> ratio(long numerator, long denominator) {
    return ratio(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
  }
}
