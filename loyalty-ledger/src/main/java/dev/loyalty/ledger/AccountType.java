package dev.loyalty.ledger;

/** What an account may do; fixed when the account is opened. */
public enum AccountType {
  /**
   * Points owned by a participant. Every credit creates a lot with its own expiry; the available
   * balance never goes below zero (the one exception is a reversal whose caller explicitly allows
   * a negative balance, see {@link ShortfallPolicy#allowNegative()}).
   */
  WALLET,
  /**
   * A bounded pool, for example a campaign budget funded up front. Its available balance never
   * goes below zero, so a cap drawn on it holds under any concurrency. Keeps no lots.
   */
  BUDGET,
  /** An unbounded system account: issuance, redemption clearing, breakage, clawback. */
  SYSTEM;

  /** Whether the available balance of such an account must stay at or above zero. */
  public boolean isBoundedBelowByZero() {
    return this != SYSTEM;
  }

  /** Whether credits to such an account create lots. */
  public boolean keepsLots() {
    return this == WALLET;
  }
}
