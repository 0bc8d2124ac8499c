package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One movement on a {@link Statement}.
 *
 * @param transaction  never null
 * @param type         never null
 * @param effectiveAt  never null
 * @param reason       never null
 * @param amount       the posted amount for the account (positive = credit)
 * @param balanceAfter the posted balance after this line
 */
public record StatementLine(
    TransactionId transaction, TransactionType type, Instant effectiveAt, String reason, long amount,
    long balanceAfter) {
  public StatementLine {
    requireNonNull(transaction, "transaction");
    requireNonNull(type, "type");
    requireNonNull(effectiveAt, "effectiveAt");
    requireNonNull(reason, "reason");
  }
}
