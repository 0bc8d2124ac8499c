package dev.loyalty.ledger;

/** A command names a transaction that does not exist. */
public final class UnknownTransactionException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public UnknownTransactionException(String message) {
    super(RejectionCode.UNKNOWN_TRANSACTION, message);
  }
}
