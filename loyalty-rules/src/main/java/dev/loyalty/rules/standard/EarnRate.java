package dev.loyalty.rules.standard;

import dev.loyalty.core.model.Money;
import dev.loyalty.rules.facts.ProgramParameters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * The program's base earn rate: {@code points} for every full {@code perAmount} of an invoice
 * ({@code earn.points}, {@code earn.per-amount}, default 100). Read by the ready-made
 * {@code earn-rate}, {@code product-multiplier} and {@code campaign-bonus} rules.
 *
 * @param points    points per full amount; not negative
 * @param perAmount the amount that earns them; positive; never null
 */
public record EarnRate(long points, BigDecimal perAmount) {
  /** The parameter with the points. */
  public static final String POINTS = "earn.points";
  /** The parameter with the amount that earns them. */
  public static final String PER_AMOUNT = "earn.per-amount";

  public EarnRate {
    if (points < 0) {
      throw new IllegalArgumentException(POINTS + " must not be negative, got " + points);
    }
    if (perAmount == null || perAmount.signum() <= 0) {
      throw new IllegalArgumentException(PER_AMOUNT + " must be positive, got " + perAmount);
    }
  }

  /**
   * The rate the program sets.
   *
   * @throws IllegalStateException if {@code earn.points} is missing or a parameter is not a number
   */
  public static EarnRate of(ProgramParameters parameters) {
    return parameters.parsed(EarnRate.class, EarnRate::read);
  }

  private static EarnRate read(ProgramParameters parameters) {
    try {
      return new EarnRate(parameters.whole(POINTS), parameters.number(PER_AMOUNT, BigDecimal.valueOf(100)));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("program " + parameters.program() + ": " + e.getMessage(), e);
    }
  }

  /** The points {@code amount} earns: whole multiples of {@code perAmount} times {@code points}. */
  public long pointsFor(BigDecimal amount) {
    if (amount.signum() <= 0) {
      return 0;
    }
    return Math.multiplyExact(amount.divide(perAmount, 0, RoundingMode.FLOOR).longValueExact(), points);
  }

  /** "1 point per 100 INR"; never null. */
  public String describe(Currency currency) {
    return Words.count(points, "point") + " per " + Money.formatAmount(perAmount) + " " + currency.getCurrencyCode();
  }
}
