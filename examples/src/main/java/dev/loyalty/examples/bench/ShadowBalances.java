package dev.loyalty.examples.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The harness's own view of each wallet's available points, so that it only sends spends the
 * ledger can accept (refusals take another code path and would distort the figures).
 *
 * <p>A spend first reserves its amount here (compare-and-set, so two threads cannot both take
 * the same last points) and only then goes to the ledger; credits are added after the ledger
 * committed them. So the shadow never exceeds what the ledger has available, and a reserved
 * spend is never refused. The one exception is an expiry run on another thread, which lowers
 * ledger balances before the harness learns of it: a spend in that window can be refused, is
 * counted, and its reservation is given back.
 */
final class ShadowBalances {

  private final AtomicLongArray available;

  ShadowBalances(int wallets) {
    this.available = new AtomicLongArray(wallets);
  }

  /** Takes {@code amount} from the wallet if it has that much; false (and no change) otherwise. */
  boolean tryReserve(int wallet, long amount) {
    while (true) {
      long current = available.get(wallet);
      if (current < amount) {
        return false;
      }
      if (available.compareAndSet(wallet, current, current - amount)) {
        return true;
      }
    }
  }

  /** Adds {@code delta} (negative for expired points) to the wallet. */
  void add(int wallet, long delta) {
    available.getAndAdd(wallet, delta);
  }

  long get(int wallet) {
    return available.get(wallet);
  }
}
