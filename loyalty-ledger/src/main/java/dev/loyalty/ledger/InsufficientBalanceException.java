package dev.loyalty.ledger;

/** A wallet or budget does not have the available points a command needs (an overdraft). */
public final class InsufficientBalanceException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public InsufficientBalanceException(String message) {
    super(RejectionCode.INSUFFICIENT_BALANCE, message);
  }
}
