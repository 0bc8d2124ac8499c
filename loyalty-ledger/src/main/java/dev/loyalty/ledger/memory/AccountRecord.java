package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.AccountState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Everything the in-memory store keeps for one account, behind one map lookup: its state, its
 * lots (wallets only) and the ids of the transactions that touched it. Guarded by the store's lock.
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
  final WalletLots lots;
  private long[] history = new long[4];
  /**
   * For each history entry, the latest effective second of it and every entry before it: never
   * decreasing, so the entries that may be effective after a time start where a binary search finds
   * it (most entries are appended in time order, so a backdated debit's check reads a short tail
   * instead of the account's whole history).
   */
  private long[] latestSecondSoFar = new long[4];
  private int historySize;

  AccountRecord(AccountState state) {
    this.account = state.account();
    this.lots = account.type().keepsLots() ? new WalletLots() : null;
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
    lastCreditAt = state.lastCreditAt().orElse(null);
  }

  void addHistory(TransactionId id, Instant effectiveAt) {
    if (historySize == history.length) {
      history = Arrays.copyOf(history, historySize * 2);
      latestSecondSoFar = Arrays.copyOf(latestSecondSoFar, historySize * 2);
    }
    long second = effectiveAt.getEpochSecond();
    latestSecondSoFar[historySize] = historySize == 0 ? second : Math.max(latestSecondSoFar[historySize - 1], second);
    history[historySize++] = id.value();
  }

  /**
   * Position of the first history entry that is, or follows one that is, effective in or after the
   * second of {@code after}: no entry before it is effective after {@code after}.
   */
  int historyIndexEffectiveFrom(Instant after) {
    long second = after.getEpochSecond();
    int low = 0;
    int high = historySize;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (latestSecondSoFar[mid] < second) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
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
