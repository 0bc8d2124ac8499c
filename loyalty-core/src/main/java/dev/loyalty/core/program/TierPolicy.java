package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import java.time.Period;

/**
 * How tiers move. A participant moves up as soon as an activity makes it meet a higher tier's
 * criteria; it moves down only at a review ({@code LoyaltyEngine.closePeriod}), and only after
 * failing its tier at reviews for the whole grace period.
 *
 * <p>Criteria are measured over a trailing window of whole calendar months that includes the
 * current month (3 months on 20 May: March, April and May), so figures kept per month answer them
 * exactly.
 *
 * @param windowMonths the window, 1 to 36 months
 * @param grace        how long a participant keeps a tier it no longer meets, counted from the
 *                     review that first found it short; not negative; never null
 */
public record TierPolicy(int windowMonths, Period grace) {
  public TierPolicy {
    requireNonNull(grace, "grace");
    if (windowMonths < 1 || windowMonths > 36) {
      throw new IllegalArgumentException("tier window must be from 1 to 36 months, got " + windowMonths);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("tier grace period must not be negative, got " + grace);
    }
  }
}
