package dev.loyalty.ledger;

/** A hold was already posted or voided; it resolves at most once. */
public final class HoldAlreadyResolvedException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public HoldAlreadyResolvedException(String message) {
    super(RejectionCode.HOLD_ALREADY_RESOLVED, message);
  }
}
