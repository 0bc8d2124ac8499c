package dev.loyalty.ledger;

/** A command is not valid against the ledger as it is: an expiry for an account that keeps no lots, an effective time in the future, a timeout already past. */
public final class InvalidCommandException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public InvalidCommandException(String message) {
    super(RejectionCode.INVALID_COMMAND, message);
  }
}
