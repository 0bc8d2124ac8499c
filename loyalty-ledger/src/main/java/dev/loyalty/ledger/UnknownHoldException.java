package dev.loyalty.ledger;

/** A command names a hold that does not exist. */
public final class UnknownHoldException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public UnknownHoldException(String message) {
    super(RejectionCode.UNKNOWN_HOLD, message);
  }
}
