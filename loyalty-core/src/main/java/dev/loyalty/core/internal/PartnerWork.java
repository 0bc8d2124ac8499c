package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import java.util.List;
import java.util.function.Supplier;

/**
 * How the engine runs anything that reads and writes one partner's state (an activity, a review,
 * a tier review, a recovery): one at a time per partner, in this JVM by the partner's lock and,
 * where the stores share a database, across instances by the {@link Transactions}' lock, in one
 * transaction. Work must not keep effects outside the stores before it returns (it may run again
 * when the database asks for a retry); what must wait for the commit goes to {@link #afterCommit}.
 * Thread-safe.
 */
public final class PartnerWork {
  private final PartnerLocks locks;
  private final Transactions transactions;

  /** Work under {@code locks}, made atomic by {@code transactions}. */
  public PartnerWork(PartnerLocks locks, Transactions transactions) {
    this.locks = requireNonNull(locks, "locks");
    this.transactions = requireNonNull(transactions, "transactions");
  }

  /** Runs {@code work} as {@code partner}'s only work, atomically where the stores allow it. */
  public <T> T forPartner(PartnerId partner, Supplier<T> work) {
    requireNonNull(work, "work");
    return locks.holding(partner, () -> transactions.run(partner, work));
  }

  /**
   * As {@link #forPartner(PartnerId, Supplier)}, for work that reads {@code participants}' state
   * first: the transaction may read it with the partner's lock ({@link Transactions#run(PartnerId,
   * List, Supplier)}).
   */
  public <T> T forPartner(PartnerId partner, List<ParticipantId> participants, Supplier<T> work) {
    requireNonNull(work, "work");
    requireNonNull(participants, "participants");
    return locks.holding(partner, () -> transactions.run(partner, participants, work));
  }

  /** Refuses to go on unless this thread runs {@code partner}'s work. */
  public void requireHeld(PartnerId partner, String what) {
    locks.requireHeld(partner, what);
  }

  /** Runs {@code action} once the calling thread's work has committed (at once outside a transaction). */
  public void afterCommit(Runnable action) {
    transactions.afterCommit(requireNonNull(action, "action"));
  }

  /** Whether a partner's work commits in one transaction, all or nothing. */
  public boolean atomic() {
    return transactions.atomic();
  }
}
