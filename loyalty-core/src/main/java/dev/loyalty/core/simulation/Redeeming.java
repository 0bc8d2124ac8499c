package dev.loyalty.core.simulation;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.rewards.Catalog;

/**
 * How participants redeem in a simulation: at each month's close, every member of the channel has
 * {@code percent} chances in a hundred (drawn from {@code seed}, the month and the member) to
 * redeem, from its own wallet, the dearest item of {@code catalog} it may redeem and can pay for
 * (items whose codes come from a pool are left out: a simulation loads no codes). What is ordered
 * is shipped and delivered, or fulfilled, at once, so the points are paid. Organisations' wallets
 * are not spent. Immutable; never null.
 *
 * @param catalog the program's catalog (in a what-if of two programs, its items serve both)
 * @param percent 0 to 100
 * @param seed    for the draws
 */
public record Redeeming(Catalog catalog, int percent, long seed) {
  public Redeeming {
    requireNonNull(catalog, "catalog");
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("the share of members redeeming each month must be 0 to 100, got " + percent);
    }
  }
}
