package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One immutable journal entry. Its {@link #postings()} sum to zero; so do its
 * {@link #pending()} amounts.
 *
 * @param id           never null
 * @param type         never null
 * @param key          the idempotency key of the command that wrote it; never null
 * @param reason       the caller's reason code; never null
 * @param metadata     the caller's metadata; never null
 * @param effectiveAt  when it counts for balances as of a time; never null
 * @param recordedAt   when it was written, by the ledger's clock; never null
 * @param postings     posted movements; empty for {@link TransactionType#HOLD} and
 *                     {@link TransactionType#HOLD_VOID}; never null
 * @param pending      for {@code HOLD}, the pending amounts it opened (debit of the source,
 *                     credit of the destination); for {@code HOLD_POST} and {@code HOLD_VOID},
 *                     the same amounts, which it released; otherwise empty; never null
 * @param lotMovements how it changed wallets' lots; never null
 * @param hold         the hold it opened or resolved; never null
 * @param reverses     the transaction it reversed; never null
 * @param reversedPostings for a {@link TransactionType#REVERSAL}, the part of the original it took
 *                     back, per account, signed as the reversal's own postings (the opposite of
 *                     the original's): what a partial reversal asked for, what was left for a full
 *                     one. A shortfall booked to a clawback account or left as a debt counts as
 *                     taken back, so these can differ from {@link #postings()}. Empty for every
 *                     other type, and for reversals recorded before partial reversals existed,
 *                     each of which took back its whole original. Never null
 */
public record Transaction(
    TransactionId id,
    TransactionType type,
    IdempotencyKey key,
    String reason,
    Map<String, String> metadata,
    Instant effectiveAt,
    Instant recordedAt,
    List<Posting> postings,
    List<Posting> pending,
    List<LotMovement> lotMovements,
    Optional<HoldId> hold,
    Optional<TransactionId> reverses,
    List<Posting> reversedPostings) {

  public Transaction {
    requireNonNull(id, "id");
    requireNonNull(type, "type");
    requireNonNull(key, "key");
    requireNonNull(reason, "reason");
    metadata = Map.copyOf(requireNonNull(metadata, "metadata"));
    requireNonNull(effectiveAt, "effectiveAt");
    requireNonNull(recordedAt, "recordedAt");
    postings = List.copyOf(requireNonNull(postings, "postings"));
    pending = List.copyOf(requireNonNull(pending, "pending"));
    lotMovements = List.copyOf(requireNonNull(lotMovements, "lotMovements"));
    requireNonNull(hold, "hold");
    requireNonNull(reverses, "reverses");
    reversedPostings = List.copyOf(requireNonNull(reversedPostings, "reversedPostings"));
    if (!reversedPostings.isEmpty() && reverses.isEmpty()) {
      throw new IllegalArgumentException("transaction " + id + " records reversed postings but reverses nothing");
    }
  }

  /** A transaction without {@link #reversedPostings()}: anything but a reversal. */
  public Transaction(TransactionId id, TransactionType type, IdempotencyKey key, String reason,
      Map<String, String> metadata, Instant effectiveAt, Instant recordedAt, List<Posting> postings,
      List<Posting> pending, List<LotMovement> lotMovements, Optional<HoldId> hold, Optional<TransactionId> reverses) {
    this(id, type, key, reason, metadata, effectiveAt, recordedAt, postings, pending, lotMovements, hold, reverses,
        List.of());
  }

  /** This transaction's posted amount for {@code account}, 0 when it has no posting for it. */
  public long amountFor(AccountId account) {
    long sum = 0;
    for (Posting p : postings) {
      if (p.account().equals(account)) {
        sum = Math.addExact(sum, p.amount());
      }
    }
    return sum;
  }

  /** Whether this transaction posted to, or held on, {@code account}. */
  public boolean touches(AccountId account) {
    for (Posting p : postings) {
      if (p.account().equals(account)) {
        return true;
      }
    }
    for (Posting p : pending) {
      if (p.account().equals(account)) {
        return true;
      }
    }
    return false;
  }
}
