package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

/**
 * One thing {@link Ledger#audit()} found that the journal does not bear out.
 *
 * @param kind    what sort of stored state disagrees; never null
 * @param subject the account, lot, hold, key or transaction concerned, as the ledger names it
 *                (for example {@code wallet:dealer}, {@code T12.0}, {@code H7}, {@code inv-1}); never null
 * @param detail  what the store holds and what the journal says it should; never null
 */
public record AuditFinding(Kind kind, String subject, String detail) {
  public AuditFinding {
    requireNonNull(kind, "kind");
    requireNonNull(subject, "subject");
    requireNonNull(detail, "detail");
  }

  /** What sort of stored state a finding is about. */
  public enum Kind {
    /** A journal row that cannot be read or whose parts disagree. */
    TRANSACTION,
    /** An account's balance, pending amounts, debt, lifetime totals or last credit time. */
    ACCOUNT,
    /** A wallet's lot: its amounts, expiry, creation time or held part. */
    LOT,
    /** A hold: its parties, amount, status, posted amount, resolving transaction or reservations. */
    HOLD,
    /** An idempotency key's remembered outcome. */
    KEY,
    /** The link between a reversal and the transaction it reverses. */
    REVERSAL,
    /** Which transactions an account's history lists. */
    HISTORY
  }

  @Override
  public String toString() {
    return kind + " " + subject + ": " + detail;
  }
}
