package dev.loyalty.ledger;

/** A command names an account that was never opened. */
public final class UnknownAccountException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public UnknownAccountException(String message) {
    super(RejectionCode.UNKNOWN_ACCOUNT, message);
  }
}
