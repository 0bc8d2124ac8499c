package dev.loyalty.core.spi;

/**
 * The units of one item redemptions hold and have taken, read together.
 *
 * @param reserved units {@link StockReservation.State#HELD}; not negative
 * @param used     units {@link StockReservation.State#TAKEN}; not negative
 */
public record StockCount(long reserved, long used) {
  public StockCount {
    if (reserved < 0 || used < 0) {
      throw new IllegalArgumentException("stock counts must not be negative, got " + reserved + " and " + used);
    }
  }

  /** Reserved and used together: what counts against the declared stock. */
  public long taken() {
    return Math.addExact(reserved, used);
  }
}
