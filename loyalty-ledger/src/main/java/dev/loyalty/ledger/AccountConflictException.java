package dev.loyalty.ledger;

/** An account is opened again with a different type. */
public final class AccountConflictException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public AccountConflictException(String message) {
    super(RejectionCode.ACCOUNT_CONFLICT, message);
  }
}
