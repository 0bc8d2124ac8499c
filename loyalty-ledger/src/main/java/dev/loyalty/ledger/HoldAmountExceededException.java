package dev.loyalty.ledger;

/** A post asks for more than the hold holds. */
public final class HoldAmountExceededException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public HoldAmountExceededException(String message) {
    super(RejectionCode.HOLD_AMOUNT_EXCEEDED, message);
  }
}
