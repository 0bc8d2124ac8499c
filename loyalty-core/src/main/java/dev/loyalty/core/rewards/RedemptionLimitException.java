package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

/**
 * The participant would redeem more units of the item than a per-participant limit of the catalog
 * allows in the period (the calendar month, quarter or year in the program's zone, or ever).
 */
public final class RedemptionLimitException extends RedemptionRefusedException {
  private static final long serialVersionUID = 1L;

  private final RedemptionLimit limit;
  private final long already;

  /**
   * Redemption {@code redemption} of {@code item} would pass {@code limit}: the participant has
   * {@code already} units in the period {@code span} and asks for {@code asked} more.
   */
  public RedemptionLimitException(RedemptionId redemption, CatalogItemId item, RedemptionLimit limit, long already,
      long asked, DateSpan span) {
    super(redemption, item, "redemption " + redemption + " refused: " + item + " may be redeemed " + limit
        + " by each participant; " + already + " already redeemed " + describe(span) + ", " + asked
        + " more asked");
    this.limit = requireNonNull(limit, "limit");
    this.already = already;
  }

  private static String describe(DateSpan span) {
    if (span.first().isEmpty() || span.last().isEmpty()) {
      return "in all";
    }
    return "from " + span.first().get() + " to " + span.last().get();
  }

  /** The limit that would be passed; never null. */
  public RedemptionLimit limit() {
    return limit;
  }

  /** Units the participant already redeemed in the period. */
  public long already() {
    return already;
  }
}
