package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.RedemptionId;

/**
 * The units of an item one redemption took from its stock.
 *
 * @param redemption never null
 * @param item       never null
 * @param units      positive
 * @param state      never null
 */
public record StockReservation(RedemptionId redemption, CatalogItemId item, long units, State state) {
  public StockReservation {
    requireNonNull(redemption, "redemption");
    requireNonNull(item, "item");
    requireNonNull(state, "state");
    if (units < 1) {
      throw new IllegalArgumentException("redemption " + redemption + " must reserve a positive number of units of "
          + item + ", got " + units);
    }
  }

  /** Where the units are. */
  public enum State {
    /** Reserved for a redemption waiting to be fulfilled. */
    HELD,
    /** Gone out: shipped, handed over, fulfilled. */
    TAKEN,
    /** Back in stock: the redemption was cancelled, expired, refused or its delivery failed. */
    RELEASED
  }

  /** A copy in {@code next}. */
  public StockReservation in(State next) {
    return new StockReservation(redemption, item, units, next);
  }
}
