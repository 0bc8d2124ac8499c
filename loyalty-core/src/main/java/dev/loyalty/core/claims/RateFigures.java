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
 */
public record RateFigures(int windowDays, long recent, long baseline, long baselineDays, BigDecimal expected,
    BigDecimal ratio) {

  public RateFigures {
    if (windowDays <= 0 || recent < 0 || baseline < 0 || baselineDays < 0) {
      throw new IllegalArgumentException("rate figures must not be negative (window " + windowDays + " days, recent "
          + recent + ", baseline " + baseline + " over " + baselineDays + " days)");
    }
    requireNonNull(expected, "expected");
    requireNonNull(ratio, "ratio");
  }

  /** The figures of {@code recent} in {@code windowDays} against {@code baseline} over {@code baselineDays}. */
  public static RateFigures of(int windowDays, long recent, long baseline, long baselineDays, long floor) {
    BigDecimal expected = baselineDays == 0 ? BigDecimal.ZERO.setScale(2)
        : BigDecimal.valueOf(baseline).multiply(BigDecimal.valueOf(windowDays))
            .divide(BigDecimal.valueOf(baselineDays), 2, RoundingMode.DOWN);
    return new RateFigures(windowDays, recent, baseline, baselineDays, expected,
        ClaimTexts.ratio(BigDecimal.valueOf(recent), expected, BigDecimal.valueOf(floor)));
  }
}
