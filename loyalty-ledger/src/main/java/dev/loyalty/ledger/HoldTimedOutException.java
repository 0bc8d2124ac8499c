package dev.loyalty.ledger;

/** A hold reached its timeout and can no longer be posted (it can still be voided). */
public final class HoldTimedOutException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public HoldTimedOutException(String message) {
    super(RejectionCode.HOLD_TIMED_OUT, message);
  }
}
