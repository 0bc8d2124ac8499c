package dev.loyalty.core.rewards;

import java.util.List;

/**
 * The participant may not redeem the item: it is not for them (audience, role, region, country,
 * partner type, tier), not valid on the day (not yet, or expired), declared out of stock, or worth
 * nothing in their currency. {@link #reasons()} lists every rule it fails, typed, each with its
 * sentence; the message joins them.
 */
public final class ItemNotAvailableException extends RedemptionRefusedException {
  private static final long serialVersionUID = 1L;

  private final transient Visibility.Hidden hidden;

  /** Redemption {@code redemption} asked for an item the participant may not redeem, for {@code hidden}'s reasons. */
  public ItemNotAvailableException(RedemptionId redemption, Visibility.Hidden hidden) {
    super(redemption, hidden.item(), "redemption " + redemption + " refused: " + hidden.describe() + " (catalog "
        + hidden.version() + ")");
    this.hidden = hidden;
  }

  /** Every reason, in the order of docs/REWARDS.md; never null or empty. */
  public List<HiddenReason> reasons() {
    return hidden.reasons();
  }

  /** The catalog version that was judged; never null. */
  public CatalogVersion version() {
    return hidden.version();
  }
}
