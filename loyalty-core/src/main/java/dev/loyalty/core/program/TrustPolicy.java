package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * How a program handles the trust side of its points: how long a claim may wait for a decision,
 * when a manual adjustment needs a second approver, and the windows over which the engine computes
 * a claim's risk figures (the statistics its risk rules judge). Immutable.
 *
 * @param claimReviewDays               a claim waiting for a decision this many days after it was
 *                                      first submitted expires at the next sweep, and its held
 *                                      points are released; 1 to 3,650
 * @param adjustmentSecondApproverAbove a manual adjustment of more points than this needs two
 *                                      distinct approvers; empty: one always; never negative; never
 *                                      null
 * @param recentDays                    the "recent" window of claim and redemption velocity, in days
 *                                      before the claim; 1 to 90
 * @param baselineDays                  the partner's own baseline before the recent window (and
 *                                      before a campaign's last days), in days; at least
 *                                      {@code recentDays}, at most 730
 * @param campaignEndDays               the last days of a campaign in which a spike is looked for;
 *                                      1 to 90
 * @param amountHistory                 how many of the partner's latest paid claims its amount
 *                                      statistics (median, spread) are taken over; 5 to 1,000
 */
public record TrustPolicy(int claimReviewDays, OptionalLong adjustmentSecondApproverAbove, int recentDays,
    int baselineDays, int campaignEndDays, int amountHistory) {

  /**
   * 30 days to decide a claim, one approver for any adjustment, a 7-day recent window against an
   * 84-day (12-week) baseline, the last 7 days of a campaign, and the latest 50 paid claims.
   */
  public static final TrustPolicy DEFAULT = new TrustPolicy(30, OptionalLong.empty(), 7, 84, 7, 50);

  public TrustPolicy {
    within(claimReviewDays, 1, 3_650, "claimReviewDays");
    requireNonNull(adjustmentSecondApproverAbove, "adjustmentSecondApproverAbove");
    if (adjustmentSecondApproverAbove.isPresent() && adjustmentSecondApproverAbove.getAsLong() < 0) {
      throw new IllegalArgumentException("adjustmentSecondApproverAbove must not be negative, got "
          + adjustmentSecondApproverAbove.getAsLong());
    }
    within(recentDays, 1, 90, "recentDays");
    within(baselineDays, recentDays, 730, "baselineDays");
    within(campaignEndDays, 1, 90, "campaignEndDays");
    within(amountHistory, 5, 1_000, "amountHistory");
  }

  private static void within(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", got " + value);
    }
  }

  /** A copy in which adjustments of more than {@code points} need two distinct approvers. */
  public TrustPolicy withAdjustmentSecondApproverAbove(long points) {
    return new TrustPolicy(claimReviewDays, OptionalLong.of(points), recentDays, baselineDays, campaignEndDays,
        amountHistory);
  }

  /** A copy in which a claim waits at most {@code days} for a decision. */
  public TrustPolicy withClaimReviewDays(int days) {
    return new TrustPolicy(days, adjustmentSecondApproverAbove, recentDays, baselineDays, campaignEndDays,
        amountHistory);
  }
}
