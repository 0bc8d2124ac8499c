package dev.loyalty.core.internal.rewards;

import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.ledger.AccountId;

/**
 * The sentences of what a redemption found short, the same whether it was found before anything
 * was written or by the store or the ledger while the redemption was placed.
 */
final class Shortages {
  private Shortages() {
  }

  /** {@code item} has {@code left} units, {@code asked} were asked. */
  static String stock(CatalogItemId item, long left, long asked) {
    return item + " has " + left + (left == 1 ? " unit" : " units") + " left in stock, " + asked + " asked";
  }

  /** {@code pool} has {@code left} codes for {@code item}, {@code asked} were needed. */
  static String codes(String pool, CatalogItemId item, long left, long asked) {
    return "code pool " + pool + " of " + item + " has " + left + (left == 1 ? " code" : " codes") + " left, "
        + asked + " needed";
  }

  /** {@code wallet} has {@code available} points, {@code needed} for {@code units} of {@code item}. */
  static String points(AccountId wallet, long available, long needed, int units, CatalogItemId item) {
    return "wallet " + wallet + " has " + available + " points available, " + needed + " needed for " + units + " x "
        + item;
  }
}
