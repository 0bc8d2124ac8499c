package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One movement on a {@link Statement}.
 *
 * @param transaction  never null
 * @param type         never null
 * @param effectiveAt  never null
 * @param reason       the transaction's reason code; never null
 * @param amount       the posted amount for the account (positive = credit)
 * @param balanceAfter the posted balance after this line
 * @param metadata     the transaction's metadata, so that a statement can say what a line was for
 *                     (the redemption a post paid for, say) without a lookup per line; never null
 */
public record StatementLine(
    TransactionId transaction, TransactionType type, Instant effectiveAt, String reason, long amount,
    long balanceAfter, Map<String, String> metadata) {
  public StatementLine {
    requireNonNull(transaction, "transaction");
    requireNonNull(type, "type");
    requireNonNull(effectiveAt, "effectiveAt");
    requireNonNull(reason, "reason");
    metadata = Map.copyOf(requireNonNull(metadata, "metadata"));
  }

  /** A line without metadata. */
  public StatementLine(TransactionId transaction, TransactionType type, Instant effectiveAt, String reason,
      long amount, long balanceAfter) {
    this(transaction, type, effectiveAt, reason, amount, balanceAfter, Map.of());
  }
}
