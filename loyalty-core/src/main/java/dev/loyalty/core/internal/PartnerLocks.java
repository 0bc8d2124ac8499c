package dev.loyalty.core.internal;

import dev.loyalty.core.model.PartnerId;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the activities of one partner (and its members), so its figures, tier and returns are
 * read and written by one thread at a time, while different partners proceed in parallel. Striped:
 * a fixed array of locks, so memory does not grow with the number of partners; two partners that
 * share a stripe merely wait for each other.
 */
public final class PartnerLocks {
  private final ReentrantLock[] stripes;

  /** {@code stripes} locks; a power of two. */
  public PartnerLocks(int stripes) {
    if (stripes < 1 || Integer.bitCount(stripes) != 1) {
      throw new IllegalArgumentException("stripes must be a positive power of two, got " + stripes);
    }
    this.stripes = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) {
      this.stripes[i] = new ReentrantLock();
    }
  }

  /** The lock of {@code partner}. */
  public ReentrantLock of(PartnerId partner) {
    int h = partner.hashCode();
    h ^= h >>> 16; // spread the high bits, as HashMap does
    return stripes[h & (stripes.length - 1)];
  }

  /** Runs {@code work} holding {@code partner}'s lock. */
  public <T> T holding(PartnerId partner, Supplier<T> work) {
    ReentrantLock lock = of(partner);
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  /** Refuses to go on unless this thread holds {@code partner}'s lock. */
  public void requireHeld(PartnerId partner, String what) {
    if (!of(partner).isHeldByCurrentThread()) {
      throw new IllegalStateException(what + " without the lock of partner " + partner);
    }
  }
}
