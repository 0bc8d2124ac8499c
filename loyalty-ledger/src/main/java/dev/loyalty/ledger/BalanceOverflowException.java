package dev.loyalty.ledger;

/** A command would take a balance past the range of a {@code long}. */
public final class BalanceOverflowException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public BalanceOverflowException(String message) {
    super(RejectionCode.BALANCE_OVERFLOW, message);
  }
}
