package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.AccountState;
import java.util.Arrays;

/**
 * Everything the in-memory store keeps for one account, behind one map lookup: its state, its
 * lots (wallets only) and the ids of the transactions that touched it. Guarded by the store's lock.
 */
final class AccountRecord {

  AccountState state;
  final WalletLots lots;
  private long[] history = new long[4];
  private int historySize;

  AccountRecord(AccountState state) {
    this.state = state;
    this.lots = state.account().type().keepsLots() ? new WalletLots() : null;
  }

  void addHistory(TransactionId id) {
    if (historySize == history.length) {
      history = Arrays.copyOf(history, historySize * 2);
    }
    history[historySize++] = id.value();
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
