package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * How much of an item's stock redemptions take: the stock the current catalog declares, the units
 * reserved by redemptions not yet out of the door, and the units gone (shipped, handed over,
 * fulfilled). Units of a redemption cancelled, expired or whose delivery failed come back to the
 * stock; returned units do not (the goods may be opened or damaged: restock by publishing a
 * catalog version that declares more).
 *
 * @param item     never null
 * @param declared the stock the current catalog declares; never null
 * @param reserved units held for redemptions waiting to be fulfilled; not negative
 * @param used     units fulfilled; not negative
 */
public record StockLevel(CatalogItemId item, Stock declared, long reserved, long used) {
  public StockLevel {
    requireNonNull(item, "item");
    requireNonNull(declared, "declared");
    if (reserved < 0 || used < 0) {
      throw new IllegalArgumentException("stock of " + item + " cannot have " + reserved + " reserved and " + used
          + " used");
    }
  }

  /** Units taken in all: reserved and used. */
  public long taken() {
    return Math.addExact(reserved, used);
  }

  /**
   * Units left to redeem (never below zero, even when a new catalog version declares less than was
   * taken); empty for unlimited stock.
   */
  public OptionalLong left() {
    return declared instanceof Stock.Limited limited ? OptionalLong.of(Math.max(0, limited.units() - taken()))
        : OptionalLong.empty();
  }
}
