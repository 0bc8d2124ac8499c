package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * A claim dated in the last days of a campaign, against the partner's own baseline: how much the
 * partner claimed for sales in those days, and how much its paid claims before them predict for a
 * period as long. Stuffing at a scheme's end shows as a ratio far above 1.
 *
 * @param campaign       the campaign whose end window holds the claim's invoice date; never null
 * @param endsOn         the campaign's last day; never null
 * @param windowDays     the end window's length: the campaign's last {@code campaignEndDays} days
 * @param windowClaims   the partner's claims (this one included, rejected and expired ones not)
 *                       for sales in the window
 * @param windowAmount   what they add up to; never null
 * @param baselineDays   days of the partner's history in the baseline before the window
 * @param expectedAmount what the paid claims of the baseline predict for the window; never null
 * @param ratio          {@code windowAmount / max(expectedAmount, median claim)}, 2 decimals rounded
 *                       down: the floor is the partner's median paid claim, so one ordinary claim at
 *                       the end of a campaign is never a spike; never null
 */
public record CampaignEnd(CampaignId campaign, LocalDate endsOn, int windowDays, long windowClaims, Money windowAmount,
    long baselineDays, Money expectedAmount, BigDecimal ratio) {

  public CampaignEnd {
    requireNonNull(campaign, "campaign");
    requireNonNull(endsOn, "endsOn");
    requireNonNull(windowAmount, "windowAmount");
    requireNonNull(expectedAmount, "expectedAmount");
    requireNonNull(ratio, "ratio");
    if (windowDays <= 0 || windowClaims < 0 || baselineDays < 0) {
      throw new IllegalArgumentException("campaign end figures of " + campaign + " must not be negative");
    }
  }

  /**
   * The figures of {@code windowAmount} claimed in the {@code windowDays} ending {@code endsOn},
   * against {@code baselineAmount} paid over {@code baselineDays} before them, with {@code floor}
   * (the partner's median paid claim) as the least expectation.
   */
  public static CampaignEnd of(CampaignId campaign, LocalDate endsOn, int windowDays, long windowClaims,
      Money windowAmount, Money baselineAmount, long baselineDays, BigDecimal floor) {
    requireNonNull(windowAmount, "windowAmount");
    requireNonNull(baselineAmount, "baselineAmount");
    BigDecimal expected = baselineDays <= 0 ? BigDecimal.ZERO.setScale(2)
        : baselineAmount.amount().multiply(BigDecimal.valueOf(windowDays))
            .divide(BigDecimal.valueOf(baselineDays), 2, RoundingMode.DOWN);
    return new CampaignEnd(campaign, endsOn, windowDays, windowClaims, windowAmount, baselineDays,
        Money.of(expected, windowAmount.currency()), ClaimTexts.ratio(windowAmount.amount(), expected, floor));
  }
}
