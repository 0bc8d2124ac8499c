package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

/**
 * An account's balance at one moment.
 *
 * @param account        never null
 * @param posted         the sum of posted amounts
 * @param pendingDebits  what open holds reserve from this account (never negative)
 * @param pendingCredits what open holds will bring to this account (never negative); not spendable
 */
public record Balance(AccountId account, long posted, long pendingDebits, long pendingCredits) {
  public Balance {
    requireNonNull(account, "account");
    if (pendingDebits < 0 || pendingCredits < 0) {
      throw new IllegalArgumentException("pending amounts of " + account + " must not be negative: debits="
          + pendingDebits + " credits=" + pendingCredits);
    }
  }

  /** What can be spent now: posted minus pending debits. Pending credits do not count. */
  public long available() {
    return Math.subtractExact(posted, pendingDebits);
  }
}
