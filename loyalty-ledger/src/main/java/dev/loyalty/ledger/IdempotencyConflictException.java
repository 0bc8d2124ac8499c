package dev.loyalty.ledger;

/** An idempotency key was used before for a different request. Nothing changed. */
public final class IdempotencyConflictException extends LedgerException {

  private static final long serialVersionUID = 1L;

  /** @param message says what was refused and names the ids and amounts involved */
  public IdempotencyConflictException(String message) {
    super(RejectionCode.IDEMPOTENCY_CONFLICT, message);
  }
}
