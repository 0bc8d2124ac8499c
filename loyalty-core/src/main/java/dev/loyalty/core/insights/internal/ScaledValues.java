package dev.loyalty.core.insights.internal;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * A series' amounts as {@code double}s for model fitting, each divided by the largest absolute
 * amount, so that every value lies in [-1, 1] whatever the size of the amounts (no overflow when
 * squared and summed, and a fit that does not depend on the unit of money); and the way back to
 * money.
 *
 * <p>Why floating point is acceptable here, when money is never {@code double} elsewhere: a
 * forecast is an estimate whose error (tens of percent of a month's sales for a small partner) is
 * many orders of magnitude above the 1e-16 relative error of a {@code double}; fitting runs over a
 * thousand smoothing passes per fit that {@link BigDecimal} would make many times slower for no
 * gain in accuracy. No {@code double} leaves this package: amounts come in and go out as {@link
 * BigDecimal}, and the division into [-1, 1] is itself done in {@link BigDecimal} to 16 significant
 * digits, so that a series multiplied by a constant gives exactly the same {@code double}s (its
 * forecast is then exactly the same multiple before rounding). Values are good to about 15
 * significant digits: a forecast of amounts up to 10^12 is exact to the cent before rounding.
 *
 * <p>Immutable; {@link #values()} returns a copy.
 */
public final class ScaledValues {
  private final BigDecimal unit;
  private final double[] values;

  private ScaledValues(BigDecimal unit, double[] values) {
    this.unit = unit;
    this.values = values;
  }

  /** {@code amounts} divided by their largest absolute value (by one if all are zero). */
  public static ScaledValues of(List<BigDecimal> amounts) {
    requireNonNull(amounts, "amounts");
    BigDecimal unit = BigDecimal.ZERO;
    for (BigDecimal amount : amounts) {
      unit = unit.max(amount.abs());
    }
    if (unit.signum() == 0) {
      unit = BigDecimal.ONE;
    }
    double[] values = new double[amounts.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = amounts.get(i).divide(unit, MathContext.DECIMAL64).doubleValue();
    }
    return new ScaledValues(unit, values);
  }

  /** The scaled values, in order; a fresh copy. */
  public double[] values() {
    return values.clone();
  }

  /** The amount a scaled {@code value} stands for, unrounded; never null. */
  public BigDecimal amount(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalStateException("a model produced " + value + "; a forecast must be finite");
    }
    return new BigDecimal(value).multiply(unit);
  }
}
