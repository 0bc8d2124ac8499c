package dev.loyalty.core.internal.claims;

import dev.loyalty.core.claims.AmountHistory;
import dev.loyalty.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;

/**
 * The robust statistics of a partner's claim amounts: the median amount, and the spread and a new
 * amount's deviation on the amounts' logarithms (median absolute deviation scaled by 1.4826; when
 * more than half the amounts are alike and it is 0, the mean absolute deviation scaled by 1.2533,
 * as the modified z-score does). The
 * logarithms and the spread are statistics, computed in {@code double}; the amounts stay exact and
 * the figures leave as decimals. Stateless and thread-safe.
 */
final class RobustAmounts {
  /** Scales a median absolute deviation to a standard deviation, were the values normal. */
  private static final double MAD_TO_SIGMA = 1.4826;
  /** Scales a mean absolute deviation to a standard deviation, were the values normal. */
  private static final double MEAN_AD_TO_SIGMA = 1.2533;
  /**
   * The least spread, 0.25 on the logarithm (about 28%): amounts come in whole units, so a partner
   * that sells one expensive product claims the same few amounts again and again, and with a
   * tighter floor its second unit (twice the usual amount) would be many spreads away.
   */
  static final double MIN_SPREAD = 0.25;

  private RobustAmounts() {
  }

  /** {@code amount} against {@code history} (positive amounts only count), in {@code currency}. */
  static AmountHistory of(BigDecimal amount, List<BigDecimal> history, Currency currency) {
    List<BigDecimal> positive = new ArrayList<>();
    history.stream().filter(a -> a.signum() > 0).forEach(positive::add);
    if (positive.isEmpty()) {
      return new AmountHistory(0, Money.zero(currency), BigDecimal.ZERO, BigDecimal.ZERO);
    }
    BigDecimal median = median(positive);
    double[] logs = positive.stream().mapToDouble(RobustAmounts::ln).sorted().toArray();
    double logMedian = median(logs);
    double[] distances = Arrays.stream(logs).map(l -> Math.abs(l - logMedian)).sorted().toArray();
    double mad = median(distances);
    // More than half the amounts alike (a partner selling whole units of one product): the MAD is 0,
    // and the mean absolute deviation still sees the others.
    double scale = mad > 0 ? MAD_TO_SIGMA * mad : MEAN_AD_TO_SIGMA * Arrays.stream(distances).average().orElse(0);
    double spread = Math.max(scale, MIN_SPREAD);
    double deviation = amount.signum() > 0 ? (ln(amount) - logMedian) / spread : 0;
    return new AmountHistory(positive.size(), Money.of(median, currency),
        BigDecimal.valueOf(spread).setScale(4, RoundingMode.HALF_EVEN),
        BigDecimal.valueOf(deviation).setScale(2, RoundingMode.HALF_EVEN));
  }

  /** The median of {@code values}, exact: the middle one, or the mean of the two middle ones. */
  static BigDecimal median(List<BigDecimal> values) {
    List<BigDecimal> sorted = new ArrayList<>(values);
    sorted.sort(BigDecimal::compareTo);
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The natural logarithm of a positive amount, also of one beyond a double's range. */
  private static double ln(BigDecimal amount) {
    // unscaled * 10^-scale: the logarithm of each part, so no amount overflows a double.
    BigDecimal stripped = amount.stripTrailingZeros();
    int digits = stripped.precision();
    double mantissa = stripped.movePointLeft(digits - stripped.scale()).doubleValue(); // in [0.1, 1)
    return Math.log(mantissa) + (digits - stripped.scale()) * Math.log(10);
  }
}
