package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What one command of {@link Ledger#executeAll} came to.
 *
 * @param command     never null
 * @param transaction the transaction it wrote (or its key wrote before); empty when refused, or
 *                    for an expiry run that found nothing; never null
 * @param refusal     why it was refused; never null
 */
public record CommandResult(LedgerCommand command, Optional<Transaction> transaction,
    Optional<LedgerException> refusal) {

  public CommandResult {
    requireNonNull(command, "command");
    requireNonNull(transaction, "transaction");
    requireNonNull(refusal, "refusal");
  }

  static CommandResult done(LedgerCommand command, Optional<Transaction> transaction) {
    return new CommandResult(command, transaction, Optional.empty());
  }

  static CommandResult refused(LedgerCommand command, LedgerException refusal) {
    return new CommandResult(command, Optional.empty(), Optional.of(refusal));
  }

  /** Whether the ledger accepted the command (now or the first time its key was used). */
  public boolean isAccepted() {
    return refusal.isEmpty();
  }
}
