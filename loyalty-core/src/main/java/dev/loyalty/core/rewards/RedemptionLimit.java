package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

/**
 * How many units of an item one participant (a partner, or a member) may redeem in a period: "1
 * per year", "3 per month", "2 in all". The catalog declares it; redemption counts against it.
 *
 * @param units  at least 1
 * @param period never null
 */
public record RedemptionLimit(long units, LimitPeriod period) {
  public RedemptionLimit {
    requireNonNull(period, "period");
    if (units < 1) {
      throw new IllegalArgumentException("a redemption limit must allow at least 1 unit, got " + units);
    }
  }

  /** {@code units} per {@code period}. */
  public static RedemptionLimit of(long units, LimitPeriod period) {
    return new RedemptionLimit(units, period);
  }

  @Override
  public String toString() {
    return units + (period == LimitPeriod.LIFETIME ? " in all" : " per " + period.jsonName());
  }
}
