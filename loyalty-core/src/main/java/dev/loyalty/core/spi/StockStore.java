package dev.loyalty.core.spi;

import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.RedemptionId;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The stock redemptions take from: per item, the units each redemption reserved, took or gave
 * back. The declared stock comes from the catalog and is passed to {@link #reserve}, so a new
 * catalog version that declares more restocks the item and one that declares less stops new
 * reservations, without the store knowing catalogs.
 *
 * <p>Contract ({@code StockStoreContract} in core's test-jar checks it): thread-safe; {@link
 * #reserve} is atomic per item: reserved plus taken units never pass the stock given to the call
 * that reserves them (of 8 threads reserving the last unit, exactly one gets it); every method is
 * idempotent per redemption (a redemption reserves once; taking or releasing again changes nothing),
 * so a change interrupted by a crash can be run again. No method accepts or returns null.
 */
public interface StockStore {

  /** A store in memory, for the life of the JVM. */
  static StockStore inMemory() {
    return new InMemoryStockStore();
  }

  /**
   * Reserves {@code units} of {@code item} for {@code redemption} unless the item's reserved and
   * taken units plus {@code units} would pass {@code stock}. A redemption that reserved before gets
   * its reservation back as it stands, and nothing changes.
   *
   * @param stock the declared stock; empty for unlimited
   * @return the reservation, or empty if there are not enough units left
   * @throws IllegalArgumentException if {@code units} is not positive, or the redemption reserved
   *                                  another item or another number of units before
   */
  Optional<StockReservation> reserve(CatalogItemId item, RedemptionId redemption, long units, OptionalLong stock);

  /**
   * Marks the units of {@code redemption} gone out ({@code HELD} to {@code TAKEN}); taken already,
   * nothing changes.
   *
   * @return the reservation as it is now; empty if the redemption reserved nothing
   * @throws IllegalStateException if the reservation was released
   */
  Optional<StockReservation> take(RedemptionId redemption);

  /**
   * Gives the units of {@code redemption} back to the stock, held or taken; released already, or
   * never reserved, nothing changes.
   *
   * @return the reservation as it is now; empty if the redemption reserved nothing
   */
  Optional<StockReservation> release(RedemptionId redemption);

  /** The reservation of {@code redemption}, if it made one. */
  Optional<StockReservation> reservation(RedemptionId redemption);

  /** The units of {@code item} held and taken now. */
  StockCount count(CatalogItemId item);
}
