package dev.loyalty.core.internal;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import java.util.List;
import java.util.function.Supplier;

/**
 * Whether, and how, one partner's work is made atomic: {@link #NONE} where the stores are kept in
 * different places (each store's write stands on its own, and the journal's staged, idempotent
 * steps make a crash recoverable), or one database transaction, with the partner locked across
 * application instances, where every store shares one database.
 */
public interface Transactions {

  /** No transaction: work runs as it is; what it writes stands store by store. */
  Transactions NONE = new Transactions() {
    @Override
    public <T> T run(PartnerId partner, Supplier<T> work) {
      return work.get();
    }

    @Override
    public void afterCommit(Runnable action) {
      action.run();
    }

    @Override
    public boolean atomic() {
      return false;
    }
  };

  /**
   * Runs {@code work} for {@code partner}, the only work of that partner anywhere while it runs;
   * the calling thread already holds the partner's lock in this JVM.
   */
  <T> T run(PartnerId partner, Supplier<T> work);

  /**
   * As {@link #run(PartnerId, Supplier)}, for work that reads {@code participants}' state first
   * (an activity's partner and member): a database transaction may read it with the lock, in one
   * round trip. By default the same as without them.
   */
  default <T> T run(PartnerId partner, List<ParticipantId> participants, Supplier<T> work) {
    return run(partner, work);
  }

  /** Runs {@code action} once what the calling thread's work wrote is committed (at once if nothing waits). */
  void afterCommit(Runnable action);

  /** Whether {@link #run}'s work commits in one transaction, all or nothing. */
  boolean atomic();
}
