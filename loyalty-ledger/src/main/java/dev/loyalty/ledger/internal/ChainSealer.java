package dev.loyalty.ledger.internal;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.spi.ConcurrentSealException;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.Seal;
import dev.loyalty.ledger.spi.UnsealedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Links committed transactions into the hash chain, in the order it finds them, after they were
 * committed: it links the content hash each was written with, and reads no transaction, so what
 * it seals is what was written, whatever a row holds by the time it seals. Writers never wait for each other because of the chain: a writer that finds another
 * sealing leaves its transaction to that sealer or the next one. Thread-safe.
 */
public final class ChainSealer {

  private static final int BATCH = 1024;

  private final LedgerStore store;
  private final ReentrantLock lock = new ReentrantLock();

  public ChainSealer(LedgerStore store) {
    this.store = store;
  }

  /**
   * Seals one batch of what is unsealed, unless another thread is sealing right now. One batch
   * only: with writers committing all the time, "until nothing is left" could keep the calling
   * command busy sealing other threads' work indefinitely.
   */
  public void sealIfIdle() {
    if (lock.tryLock()) {
      try {
        sealBatch();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Seals everything committed so far, waiting for a running sealer first. */
  public void sealNow() {
    lock.lock();
    try {
      sealAll();
    } finally {
      lock.unlock();
    }
  }

  /** Seals batches until one comes back short: everything committed before the call is then sealed. */
  private void sealAll() {
    while (sealBatch() == BATCH) {
      // full batch: there may be more
    }
  }

  /** Seals up to one batch; returns how many transactions it looked at. */
  private int sealBatch() {
    CanonicalEncoder encoder = CanonicalEncoder.forThisThread();
    if (store instanceof LinksItself own) {
      int linked = own.linkUnsealed(encoder, BATCH);
      if (linked >= 0) {
        return linked;
      }
    }
    while (true) {
      List<UnsealedTransaction> batch = store.unsealed(BATCH);
      if (batch.isEmpty()) {
        return 0;
      }
      Optional<Seal> last = store.lastSeal();
      long position = last.map(Seal::position).orElse(0L);
      Digest previous = last.map(Seal::hash).orElse(Digest.ZERO);
      List<Seal> seals = new ArrayList<>(batch.size());
      for (UnsealedTransaction u : batch) {
        // the content hash fixed when the transaction was written, not the row as it is now
        previous = encoder.chainLink(previous, u.contentHash());
        seals.add(new Seal(++position, u.transaction(), u.contentHash(), previous));
      }
      try {
        store.appendSeals(seals);
        return batch.size();
      } catch (ConcurrentSealException raced) {
        // Another ledger instance on the same store sealed first: read the new end and try again.
      }
    }
  }
}
