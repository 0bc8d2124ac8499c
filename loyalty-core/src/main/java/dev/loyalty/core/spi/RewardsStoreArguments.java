package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import java.util.List;
import java.util.OptionalLong;

/**
 * The checks every {@link RedemptionStore}, {@link StockStore} and {@link CodePoolStore} makes of
 * its arguments before it reads or writes anything, with the messages their contracts expect: the
 * in-memory and PostgreSQL stores call them, and a host's own store may, so that all refuse alike.
 * Stateless and thread-safe.
 */
public final class RewardsStoreArguments {
  private RewardsStoreArguments() {
  }

  /**
   * Refuses a redemption to file that is not at revision 0.
   *
   * @throws IllegalArgumentException saying so
   */
  public static void requireFiling(Redemption redemption) {
    requireNonNull(redemption, "redemption");
    if (redemption.revision() != 0) {
      throw new IllegalArgumentException("redemption " + redemption.id() + " is filed at revision 0, not "
          + redemption.revision());
    }
  }

  /**
   * Refuses a replacement of {@code expected} by {@code next} unless {@code next} is the same
   * redemption at the next revision.
   *
   * @throws IllegalArgumentException saying so
   */
  public static void requireNextRevision(Redemption expected, Redemption next) {
    requireNonNull(expected, "expected");
    requireNonNull(next, "next");
    if (!next.id().equals(expected.id()) || next.revision() != expected.revision() + 1) {
      throw new IllegalArgumentException("redemption " + expected.id() + " at revision " + expected.revision()
          + " can only be replaced by its revision " + (expected.revision() + 1) + ", not by " + next.id() + " at "
          + next.revision());
    }
  }

  /**
   * Refuses a reservation of no units, or of missing arguments.
   *
   * @throws IllegalArgumentException if {@code units} is not positive
   */
  public static void requireReservation(CatalogItemId item, RedemptionId redemption, long units,
      OptionalLong stock) {
    requireNonNull(item, "item");
    requireNonNull(redemption, "redemption");
    requireNonNull(stock, "stock");
    if (units < 1) {
      throw new IllegalArgumentException("redemption " + redemption + " must reserve a positive number of units, got "
          + units);
    }
  }

  /**
   * {@code before}, the reservation a redemption made, when it reserves {@code units} of {@code item}
   * again: the same reservation, returned as it stands.
   *
   * @throws IllegalArgumentException if it reserved another item or another number of units
   */
  public static StockReservation sameReservation(StockReservation before, CatalogItemId item, long units) {
    if (!before.item().equals(item) || before.units() != units) {
      throw new IllegalArgumentException("redemption " + before.redemption() + " reserved " + before.units() + " of "
          + before.item() + " before, not " + units + " of " + item);
    }
    return before;
  }

  /**
   * The codes to load into {@code pool}, checked: a slug of a pool, each code not blank and at most
   * 200 characters.
   *
   * @return an unmodifiable copy, in order
   * @throws IllegalArgumentException naming the bad pool or code
   */
  public static List<String> requireLoad(String pool, List<String> codes) {
    Names.requireSlug(pool, "code pool");
    List<String> checked = List.copyOf(requireNonNull(codes, "codes"));
    checked.forEach(code -> Names.requireText(code, "code", Names.MAX_TEXT));
    return checked;
  }

  /**
   * Refuses a claim of no codes, from a pool that is not a slug, or for no redemption.
   *
   * @throws IllegalArgumentException if {@code count} is not positive or the pool is no slug
   */
  public static void requireClaim(String pool, RedemptionId redemption, int count) {
    requirePool(pool, redemption);
    if (count < 1) {
      throw new IllegalArgumentException("redemption " + redemption + " must claim a positive number of codes, got "
          + count);
    }
  }

  /**
   * Refuses a pool that is not a slug, or no redemption.
   *
   * @throws IllegalArgumentException if the pool is no slug
   */
  public static void requirePool(String pool, RedemptionId redemption) {
    Names.requireSlug(pool, "code pool");
    requireNonNull(redemption, "redemption");
  }
}
