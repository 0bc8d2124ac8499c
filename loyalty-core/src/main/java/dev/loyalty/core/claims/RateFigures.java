package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A partner's recent rate of something (claims submitted, points redeemed) against its own
 * baseline: how much in the recent window, how much the baseline predicts for a window as long,
 * and the ratio of the two. A risk rule flags a ratio far above 1.
 *
 * @param windowDays   the recent window's length in days
 * @param recent       how much in the recent window (for claims: this one included); not negative
 * @param baseline     how much in the baseline period before the window; not negative
 * @param baselineDays how many days of the partner's history the baseline covers: the baseline
 *                     period, or less for a partner newer than it; not negative
 * @param expected     what the baseline predicts for the window: {@code baseline * windowDays /
 *                     baselineDays}, 2 decimals rounded down; 0 without history; never null
 * @param ratio        {@code recent / max(expected, floor)}, 2 decimals rounded down, where the floor
 *                     (1 claim; for redemptions 1 point) keeps a quiet partner's first busy week from
 *                     dividing by almost nothing; never null
 * @param rarity       for a count (claims, not points): how rare a window this busy is at the
 *                     partner's own rate, as {@code -log10} of the Poisson chance of at least
 *                     {@code recent} when {@code max(expected, floor)} are expected: 4 means once in
 *                     10,000 windows; 2 decimals, at most 99.99. A ratio alone flags a quiet partner's
 *                     ordinary chance week; the rarity does not. 0 for points; never null
 */
public record RateFigures(int windowDays, long recent, long baseline, long baselineDays, BigDecimal expected,
    BigDecimal ratio, BigDecimal rarity) {

  public RateFigures {
    if (windowDays <= 0 || recent < 0 || baseline < 0 || baselineDays < 0) {
      throw new IllegalArgumentException("rate figures must not be negative (window " + windowDays + " days, recent "
          + recent + ", baseline " + baseline + " over " + baselineDays + " days)");
    }
    requireNonNull(expected, "expected");
    requireNonNull(ratio, "ratio");
    requireNonNull(rarity, "rarity");
  }

  /**
   * The figures of {@code recent} claims in {@code windowDays} against {@code baseline} over {@code
   * baselineDays}, with their rarity.
   */
  public static RateFigures ofCounts(int windowDays, long recent, long baseline, long baselineDays, long floor) {
    BigDecimal expected = expected(windowDays, baseline, baselineDays);
    double lambda = Math.max(expected.doubleValue(), floor);
    return new RateFigures(windowDays, recent, baseline, baselineDays, expected,
        ClaimTexts.ratio(BigDecimal.valueOf(recent), expected, BigDecimal.valueOf(floor)),
        BigDecimal.valueOf(Math.min(99.99, -Math.log10(poissonTail(recent, lambda)))).setScale(2, RoundingMode.DOWN));
  }

  /**
   * The figures of {@code recent} points in {@code windowDays} against {@code baseline} over {@code
   * baselineDays} (no rarity: points are not counted events).
   */
  public static RateFigures ofPoints(int windowDays, long recent, long baseline, long baselineDays, long floor) {
    BigDecimal expected = expected(windowDays, baseline, baselineDays);
    return new RateFigures(windowDays, recent, baseline, baselineDays, expected,
        ClaimTexts.ratio(BigDecimal.valueOf(recent), expected, BigDecimal.valueOf(floor)), BigDecimal.ZERO.setScale(2));
  }

  private static BigDecimal expected(int windowDays, long baseline, long baselineDays) {
    return baselineDays == 0 ? BigDecimal.ZERO.setScale(2)
        : BigDecimal.valueOf(baseline).multiply(BigDecimal.valueOf(windowDays))
            .divide(BigDecimal.valueOf(baselineDays), 2, RoundingMode.DOWN);
  }

  /**
   * P(X >= k) for X Poisson with mean {@code lambda}: summed upwards from k, where the terms only
   * shrink once past the mean, so that a tiny tail is not lost to 1 minus almost 1.
   */
  static double poissonTail(long k, double lambda) {
    if (k <= 0) {
      return 1;
    }
    // log of the k-th term: -lambda + k ln(lambda) - ln(k!)
    double logTerm = -lambda;
    for (long i = 1; i <= k; i++) {
      logTerm += Math.log(lambda) - Math.log(i);
    }
    double term = Math.exp(logTerm);
    double sum = 0;
    for (long i = k; term > sum * 1e-17 || i < lambda; i++) {
      sum += term;
      term *= lambda / (i + 1);
      if (term == 0) {
        break;
      }
    }
    return Math.min(1, Math.max(sum, Double.MIN_NORMAL));
  }
}
