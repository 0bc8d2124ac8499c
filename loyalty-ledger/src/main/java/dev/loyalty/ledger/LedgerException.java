package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

/**
 * The root of the ledger's refusals. A refused command changed nothing. Unchecked; the message
 * names the accounts, holds, transactions and amounts involved.
 */
public class LedgerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final RejectionCode code;

  /** For subclasses. */
  protected LedgerException(RejectionCode code, String message) {
    super(message);
    this.code = requireNonNull(code, "code");
  }

  /** Why the command was refused; never null. */
  public RejectionCode code() {
    return code;
  }

  /**
   * Rebuilds the exception a stored refusal stands for, so that replaying a refused command with
   * its key throws what the first attempt threw.
   */
  public static LedgerException of(RejectionCode code, String message) {
    return switch (code) {
      case UNKNOWN_ACCOUNT -> new UnknownAccountException(message);
      case INSUFFICIENT_BALANCE -> new InsufficientBalanceException(message);
      case BALANCE_OVERFLOW -> new BalanceOverflowException(message);
      case UNKNOWN_HOLD -> new UnknownHoldException(message);
      case HOLD_ALREADY_RESOLVED -> new HoldAlreadyResolvedException(message);
      case HOLD_TIMED_OUT -> new HoldTimedOutException(message);
      case HOLD_AMOUNT_EXCEEDED -> new HoldAmountExceededException(message);
      case UNKNOWN_TRANSACTION -> new UnknownTransactionException(message);
      case NOT_REVERSIBLE -> new NotReversibleException(message);
      case ALREADY_REVERSED -> new AlreadyReversedException(message);
      case INVALID_COMMAND -> new InvalidCommandException(message);
      case IDEMPOTENCY_CONFLICT -> new IdempotencyConflictException(message);
      case ACCOUNT_CONFLICT -> new AccountConflictException(message);
    };
  }
}
