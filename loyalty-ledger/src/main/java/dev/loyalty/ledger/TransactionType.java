package dev.loyalty.ledger;

/** What a journal transaction did. */
public enum TransactionType {
  /** Moved points between accounts (earn, transfer, fund a budget, award). */
  TRANSFER,
  /** Opened a hold: pending amounts, nothing posted. */
  HOLD,
  /** Posted (all or part of) a hold and released it. */
  HOLD_POST,
  /** Released a hold without posting anything (cancelled or timed out). */
  HOLD_VOID,
  /** Moved the unheld remainder of expired lots to a breakage account. */
  EXPIRY,
  /** Took back what an earlier transaction did. */
  REVERSAL;

  /** Whether a transaction of this type can be reversed. */
  public boolean isReversible() {
    return this == TRANSFER || this == HOLD_POST;
  }
}
