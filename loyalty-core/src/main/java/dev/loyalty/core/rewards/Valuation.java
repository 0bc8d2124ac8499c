package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * What points are worth in money, and the one rounding rule the catalog uses for it.
 *
 * <p>The exact value is {@code points x pointValue}, computed in {@link BigDecimal} without any
 * loss. It is then rounded {@link RoundingMode#DOWN down} to the currency's minor unit (two decimals
 * for INR and USD, none for JPY, three for BHD). Down, because the host pays this amount out: any
 * other rule pays more than the points are worth in some cases (half a paisa per redemption with
 * {@code HALF_EVEN}), which adds up over a program to money nobody earned. The participant loses
 * less than one minor unit per redemption, and the value shown is exactly the value paid. A
 * currency without a minor unit (ISO pseudo-currencies such as XAU) keeps the exact value.
 *
 * <p>Stateless and thread-safe.
 */
public final class Valuation {
  /** The rounding rule: toward zero, so the host never pays more than the points are worth. */
  public static final RoundingMode ROUNDING = RoundingMode.DOWN;

  private Valuation() {
  }

  /** {@code points x pointValue}, exactly; never null. */
  public static BigDecimal exact(long points, BigDecimal pointValue) {
    requireNonNull(pointValue, "pointValue");
    return pointValue.multiply(BigDecimal.valueOf(points));
  }

  /** {@code exact} rounded by {@link #ROUNDING} to the minor unit of {@code currency}; never null. */
  public static Money rounded(BigDecimal exact, Currency currency) {
    requireNonNull(exact, "exact");
    requireNonNull(currency, "currency");
    int digits = currency.getDefaultFractionDigits();
    return Money.of(digits < 0 ? exact : exact.setScale(digits, ROUNDING), currency);
  }

  /** What {@code points} are worth in {@code currency} at {@code pointValue}: {@link #exact} then {@link #rounded}. */
  public static Money of(long points, BigDecimal pointValue, Currency currency) {
    return rounded(exact(points, pointValue), currency);
  }
}
