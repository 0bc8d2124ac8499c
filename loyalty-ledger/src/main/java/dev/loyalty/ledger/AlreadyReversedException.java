package dev.loyalty.ledger;

/** A transaction was already reversed; it is reversed at most once. */
public final class AlreadyReversedException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public AlreadyReversedException(String message) {
    super(RejectionCode.ALREADY_REVERSED, message);
  }
}
