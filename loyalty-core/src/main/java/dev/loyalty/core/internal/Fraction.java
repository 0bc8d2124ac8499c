package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact non-negative ratio of two decimals, for the share of an invoice a return covers. Kept as
 * numerator and denominator because the share is often not a terminating decimal (one of three
 * units).
 */
public record Fraction(BigDecimal numerator, BigDecimal denominator) {
  public static final Fraction ZERO = new Fraction(BigDecimal.ZERO, BigDecimal.ONE);
  public static final Fraction ONE = new Fraction(BigDecimal.ONE, BigDecimal.ONE);

  public Fraction {
    requireNonNull(numerator, "numerator");
    requireNonNull(denominator, "denominator");
    if (denominator.signum() <= 0 || numerator.signum() < 0) {
      throw new IllegalArgumentException("fraction " + numerator + "/" + denominator + " is not a non-negative ratio");
    }
  }

  /** {@code a/b + c/d}, exactly. */
  public Fraction plus(Fraction other) {
    return new Fraction(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
        denominator.multiply(other.denominator));
  }

  /** {@code points} times this fraction, rounded down to a whole point. */
  public long floorTimes(long points) {
    return BigDecimal.valueOf(points).multiply(numerator).divide(denominator, 0, RoundingMode.FLOOR)
        .longValueExact();
  }

  /** {@code amount} times this fraction, rounded half-even to {@code scale} decimals. */
  public BigDecimal times(BigDecimal amount, int scale) {
    return amount.multiply(numerator).divide(denominator, scale, RoundingMode.HALF_EVEN);
  }

  /** Whether this is at least one. */
  public boolean isWhole() {
    return numerator.compareTo(denominator) >= 0;
  }
}
