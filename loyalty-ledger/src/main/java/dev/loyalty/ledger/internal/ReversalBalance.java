package dev.loyalty.ledger.internal;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.NotReversibleException;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.UnknownTransactionException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reversible transaction against its reversals so far: per account, what the original
 * posted, what its reversals took back and what is left to take back. Derived from the journal
 * alone (each reversal's {@link Transaction#reversedPostings()}; a reversal recorded before
 * partial reversals existed took back the whole original). Immutable.
 */
public final class ReversalBalance {

  private final Transaction original;
  private final List<TransactionId> reversals;
  /** Per account of the original, in its order: the original's posting there. */
  private final Map<AccountId, Long> posted = new LinkedHashMap<>();
  /** Per account: the magnitude its reversals took back there. */
  private final Map<AccountId, Long> takenBack = new LinkedHashMap<>();

  private ReversalBalance(Transaction original, List<Transaction> reversals) {
    this.original = original;
    this.reversals = reversals.stream().map(Transaction::id).toList();
    for (Posting p : original.postings()) {
      posted.merge(p.account(), p.amount(), Math::addExact);
    }
    for (Transaction r : reversals) {
      if (r.reversedPostings().isEmpty()) {
        posted.forEach((account, amount) -> takenBack.merge(account, Math.abs(amount), Math::addExact));
      } else {
        for (Posting p : r.reversedPostings()) {
          takenBack.merge(p.account(), Math.abs(p.amount()), Math::addExact);
        }
      }
    }
  }

  /**
   * The transaction {@code id}, if it exists and may be reversed.
   *
   * @throws UnknownTransactionException if {@code found} is empty
   * @throws NotReversibleException      if it is not a TRANSFER or HOLD_POST
   */
  public static Transaction reversible(TransactionId id, Optional<Transaction> found) {
    Transaction tx = found.orElseThrow(() -> new UnknownTransactionException("transaction " + id + " does not exist"));
    if (!tx.type().isReversible()) {
      throw new NotReversibleException("transaction " + id + " is a " + tx.type()
          + "; only TRANSFER and HOLD_POST transactions can be reversed");
    }
    return tx;
  }

  /** {@code original} after {@code reversals} (its reversals so far, oldest first). */
  public static ReversalBalance of(Transaction original, List<Transaction> reversals) {
    return new ReversalBalance(original, reversals);
  }

  /** The reversed transaction. */
  public Transaction original() {
    return original;
  }

  /** The ids of its reversals so far, oldest first. */
  public List<TransactionId> reversals() {
    return reversals;
  }

  /** What the original posted to {@code account}; 0 when it has no posting there. */
  public long posted(AccountId account) {
    return posted.getOrDefault(account, 0L);
  }

  /** The magnitude the reversals so far took back on {@code account}. */
  public long takenBack(AccountId account) {
    return takenBack.getOrDefault(account, 0L);
  }

  /** The magnitude still to take back on {@code account}: never negative. */
  public long left(AccountId account) {
    return Math.max(0, Math.abs(posted(account)) - takenBack(account));
  }

  /**
   * What a full reversal would post now, per account of the original in its order, signed as the
   * reversal's postings (the opposite of the original's); accounts with nothing left are left out.
   */
  public Map<AccountId, Long> rest() {
    Map<AccountId, Long> out = new LinkedHashMap<>();
    posted.forEach((account, amount) -> {
      long left = left(account);
      if (left > 0) {
        out.put(account, amount > 0 ? -left : left);
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /** Whether nothing is left to take back. */
  public boolean isFullyReversed() {
    return rest().isEmpty();
  }
}
