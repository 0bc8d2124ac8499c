package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.spi.AccountState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Everything the in-memory store keeps for one account, behind one map lookup: its state, its
 * lots (wallets only), the ids of the transactions that touched it and, once a backdated debit
 * asked, its posted amounts by effective time. Guarded by the store's lock: changed and built
 * under the write lock only.
 *
 * <p>The state's figures are fields updated in place, and an {@link AccountState} is made when one
 * is asked for: keeping each command's new {@code AccountState} (and its {@code Optional}) would
 * leave two objects per transaction for the collector to copy into the old generation, each
 * replacing one that had got there, and a pointer from old to young objects for it to scan.
 */
final class AccountRecord {

  private final Account account;
  private long posted;
  private long pendingDebits;
  private long pendingCredits;
  private long debt;
  private long inflow;
  private long outflow;
  /** The last credit time, null if none; an {@code Optional} of it is made when asked for. */
  private Instant lastCreditAt;
  /**
   * The last credit time's seconds and nanos beside it (meaningless while it is null): a direct
   * transfer compares them on every command, and the {@code Instant} object, made by an older
   * command, is a cache miss of its own.
   */
  private long lastCreditSeconds;
  private int lastCreditNanos;
  /** The account's number in the store's {@link CompactJournal}, -1 until the store asks for it the first time. */
  int journalNumber = -1;
  final WalletLots lots;
  private long[] history = new long[4];
  private int historySize;
  /**
   * The account's posted amounts by effective time, for a backdated debit's as-of check; null until
   * the first check on this account builds it from the history (most accounts are never debited
   * before their last credit, and then cost nothing), kept up to date from then on.
   */
  private PostedByTime postedByTime;

  AccountRecord(AccountState state) {
    this.account = state.account();
    this.lots = account.type().keepsLots() ? new WalletLots(account.id()) : null;
    set(state);
  }

  /** The account's state as of now (a new, immutable value). */
  AccountState state() {
    return new AccountState(account, posted, pendingDebits, pendingCredits, debt, inflow, outflow,
        Optional.ofNullable(lastCreditAt));
  }

  /** Takes {@code state}'s figures; it must be this account's. */
  void set(AccountState state) {
    if (!state.account().equals(account)) {
      throw new IllegalArgumentException("the state of " + state.account() + " is not the state of " + account);
    }
    posted = state.posted();
    pendingDebits = state.pendingDebits();
    pendingCredits = state.pendingCredits();
    debt = state.debt();
    inflow = state.inflow();
    outflow = state.outflow();
    setLastCreditAt(state.lastCreditAt().orElse(null));
  }

  private void setLastCreditAt(Instant at) {
    lastCreditAt = at;
    lastCreditSeconds = at == null ? 0 : at.getEpochSecond();
    lastCreditNanos = at == null ? 0 : at.getNano();
  }

  /** Whether the account was last credited after {@code instant} (false if it never was). */
  boolean lastCreditAfter(Instant instant) {
    return lastCreditAt != null && (lastCreditSeconds > instant.getEpochSecond()
        || lastCreditSeconds == instant.getEpochSecond() && lastCreditNanos > instant.getNano());
  }

  Account account() {
    return account;
  }

  long posted() {
    return posted;
  }

  long pendingDebits() {
    return pendingDebits;
  }

  long debt() {
    return debt;
  }

  long inflow() {
    return inflow;
  }

  long outflow() {
    return outflow;
  }

  /** Sets the figures a checked debit changes: the posted balance and the lifetime outflow. */
  void debited(long newPosted, long newOutflow) {
    posted = newPosted;
    outflow = newOutflow;
  }

  /**
   * Sets the figures a checked credit effective at {@code effectiveAt} changes: the posted balance,
   * the lifetime inflow, and the last credit time unless it is that late already.
   */
  void credited(long newPosted, long newInflow, Instant effectiveAt) {
    posted = newPosted;
    inflow = newInflow;
    long seconds = effectiveAt.getEpochSecond();
    if (lastCreditAt == null || lastCreditSeconds < seconds
        || lastCreditSeconds == seconds && lastCreditNanos < effectiveAt.getNano()) {
      // not at an equal time: the record, in the old generation, would point to a young Instant
      // for nothing, which the collector then tracks and promotes
      setLastCreditAt(effectiveAt);
    }
  }

  /** Records that {@code tx} (just written) touched this account, by posting or holding. */
  void addHistory(Transaction tx) {
    if (historySize == history.length) {
      history = Arrays.copyOf(history, historySize * 2);
    }
    history[historySize++] = tx.id().value();
    if (postedByTime != null) {
      postedByTime.add(tx.effectiveAt(), tx.amountFor(account.id()));
    }
  }

  /** The account's posted amounts by effective time; null until {@link #postedByTime(LongFunction)} built them. */
  PostedByTime postedByTime() {
    return postedByTime;
  }

  /**
   * The account's posted amounts by effective time, built first if they were not, from the history,
   * whose transactions {@code journal} finds by id (a transaction it does not find, deleted behind
   * the ledger's back, counts for nothing). Under the write lock.
   */
  PostedByTime postedByTime(LongFunction<Transaction> journal) {
    if (postedByTime == null) {
      PostedByTime index = new PostedByTime();
      AccountId id = account.id();
      for (int i = 0; i < historySize; i++) {
        Transaction tx = journal.apply(history[i]);
        if (tx != null) {
          index.add(tx.effectiveAt(), tx.amountFor(id));
        }
      }
      postedByTime = index;
    }
    return postedByTime;
  }

  /** Position of the first history entry with an id above {@code after}. */
  int historyIndexAfter(long after) {
    int i = Arrays.binarySearch(history, 0, historySize, after);
    return i >= 0 ? i + 1 : -i - 1;
  }

  long historyAt(int index) {
    return history[index];
  }

  int historySize() {
    return historySize;
  }
}
