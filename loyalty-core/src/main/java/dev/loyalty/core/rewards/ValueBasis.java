package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.program.Program;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an item that pays out money (cashback, co-marketing funds, a donation) is worth in a
 * participant's currency, before {@link Valuation}'s rounding.
 */
public sealed interface ValueBasis {

  /**
   * The exact value of an item priced at {@code points} in {@code currency} under {@code program};
   * empty when the item has no value in that currency.
   */
  Optional<BigDecimal> exactValue(long points, Currency currency, Program program);

  /** The points' worth at the program's point value in that currency ({@code Program.pointValue()}). */
  enum PointValue implements ValueBasis {
    /** The only instance. */
    INSTANCE;

    @Override
    public Optional<BigDecimal> exactValue(long points, Currency currency, Program program) {
      return Optional.ofNullable(program.pointValue().get(requireNonNull(currency, "currency")))
          .map(value -> Valuation.exact(points, value));
    }
  }

  /**
   * A fixed amount per currency, whatever the points are worth ("₹500 cashback for 1,800 points" in
   * a promotion).
   *
   * @param amounts positive, with no more decimals than the currency's minor unit; at least one;
   *                never null
   */
  record FaceValue(Map<Currency, BigDecimal> amounts) implements ValueBasis {
    public FaceValue {
      requireNonNull(amounts, "amounts");
      if (amounts.isEmpty()) {
        throw new IllegalArgumentException("a face value needs an amount in at least one currency");
      }
      Map<Currency, BigDecimal> copy = new LinkedHashMap<>();
      amounts.forEach((currency, amount) -> copy.put(currency, requireAmount(currency, amount)));
      amounts = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns {@code amount} if it can be a face value in {@code currency}: positive, and payable
     * exactly (no more decimals than the currency's minor unit).
     *
     * @throws IllegalArgumentException otherwise
     */
    public static BigDecimal requireAmount(Currency currency, BigDecimal amount) {
      requireNonNull(currency, "currency");
      requireNonNull(amount, "amount");
      if (amount.signum() <= 0) {
        throw new IllegalArgumentException("a face value must be positive, got " + amount.toPlainString() + " "
            + currency);
      }
      int digits = currency.getDefaultFractionDigits();
      if (digits >= 0 && amount.stripTrailingZeros().scale() > digits) {
        throw new IllegalArgumentException(amount.toPlainString() + " " + currency + " has more decimals than "
            + currency + "'s minor unit (" + digits + ")");
      }
      return amount;
    }

    @Override
    public Optional<BigDecimal> exactValue(long points, Currency currency, Program program) {
      return Optional.ofNullable(amounts.get(requireNonNull(currency, "currency")));
    }
  }
}
