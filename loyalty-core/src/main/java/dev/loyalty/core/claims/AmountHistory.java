package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import java.math.BigDecimal;

/**
 * How a claim's amount compares with the partner's own paid claims, by robust statistics: the
 * median, and the spread as the median absolute deviation of the amounts' logarithms. Logarithms,
 * because claim amounts are skewed and vary by factors (a partner's claims of 10,000 and 40,000 are
 * as far apart as 40,000 and 160,000); the median and MAD, because a few large claims in the
 * history do not move them. (These are statistics computed in floating point; no money is.)
 *
 * @param claims    how many paid claims the figures come from (the latest, up to the program's
 *                  {@code amountHistory})
 * @param median    their median amount; zero without history; never null
 * @param spread    1.4826 times the median absolute deviation of their natural logarithms (the
 *                  standard deviation, were they normal); when more than half of them are alike
 *                  (whole units of one product) and that is 0, 1.2533 times their mean absolute
 *                  deviation; at least 0.25 (about 28%): amounts come in whole units, and a
 *                  partner that claims one expensive product a unit at a time must not be flagged
 *                  for its second unit; 4 decimals; 0 without history; never null
 * @param deviation how many spreads this claim's logarithm lies from the median's: (ln amount -
 *                  ln median) / spread, 2 decimals; positive above the median; 0 without history;
 *                  never null
 */
public record AmountHistory(int claims, Money median, BigDecimal spread, BigDecimal deviation) {
  public AmountHistory {
    if (claims < 0) {
      throw new IllegalArgumentException("claims must not be negative, got " + claims);
    }
    requireNonNull(median, "median");
    requireNonNull(spread, "spread");
    requireNonNull(deviation, "deviation");
  }
}
