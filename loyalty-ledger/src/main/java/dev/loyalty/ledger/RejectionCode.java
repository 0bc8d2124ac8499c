package dev.loyalty.ledger;

/**
 * Why the ledger refused a command. A store keeps the code and message of a command refused for
 * a reason that depends on the ledger's state, so the same key keeps getting the same answer.
 */
public enum RejectionCode {
  /** See {@link UnknownAccountException}. */
  UNKNOWN_ACCOUNT,
  /** See {@link InsufficientBalanceException}. */
  INSUFFICIENT_BALANCE,
  /** See {@link BalanceOverflowException}. */
  BALANCE_OVERFLOW,
  /** See {@link UnknownHoldException}. */
  UNKNOWN_HOLD,
  /** See {@link HoldAlreadyResolvedException}. */
  HOLD_ALREADY_RESOLVED,
  /** See {@link HoldTimedOutException}. */
  HOLD_TIMED_OUT,
  /** See {@link HoldAmountExceededException}. */
  HOLD_AMOUNT_EXCEEDED,
  /** See {@link UnknownTransactionException}. */
  UNKNOWN_TRANSACTION,
  /** See {@link NotReversibleException}. */
  NOT_REVERSIBLE,
  /** See {@link AlreadyReversedException}. */
  ALREADY_REVERSED,
  /** See {@link InvalidCommandException}. */
  INVALID_COMMAND,
  /** See {@link IdempotencyConflictException}; never stored. */
  IDEMPOTENCY_CONFLICT,
  /** See {@link AccountConflictException}; never stored. */
  ACCOUNT_CONFLICT
}
