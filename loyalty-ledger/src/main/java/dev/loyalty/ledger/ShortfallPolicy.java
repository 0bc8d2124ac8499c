package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

/**
 * What a reversal does when a wallet no longer has the points it must give back (they were spent
 * or are reserved by a hold).
 */
public sealed interface ShortfallPolicy {

  /** Refuse the reversal ({@link InsufficientBalanceException}); nothing changes. The default. */
  static ShortfallPolicy refuse() {
    return Refuse.INSTANCE;
  }

  /**
   * Take what the wallet has and book the rest against {@code clawbackAccount} (a system account
   * that records the loss); the wallet stays at or above zero.
   */
  static ShortfallPolicy bookTo(AccountId clawbackAccount) {
    return new BookTo(clawbackAccount);
  }

  /**
   * Take what the wallet has and leave it negative by the rest: a debt that later credits repay
   * before they create lots. The only way a wallet goes below zero.
   */
  static ShortfallPolicy allowNegative() {
    return AllowNegative.INSTANCE;
  }

  /** Refuses. */
  enum Refuse implements ShortfallPolicy {
    INSTANCE
  }

  /** Books the shortfall to a clawback account. @param clawbackAccount never null */
  record BookTo(AccountId clawbackAccount) implements ShortfallPolicy {
    public BookTo {
      requireNonNull(clawbackAccount, "clawbackAccount");
    }
  }

  /** Leaves the wallet negative. */
  enum AllowNegative implements ShortfallPolicy {
    INSTANCE
  }
}
