package dev.loyalty.ledger;

/** A reversal names a transaction of a type that cannot be reversed. */
public final class NotReversibleException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public NotReversibleException(String message) {
    super(RejectionCode.NOT_REVERSIBLE, message);
  }
}
