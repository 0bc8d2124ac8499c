package dev.loyalty.ledger.internal;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.spi.ConcurrentSealException;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.Seal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Links committed transactions into the hash chain, in the order it finds them, after they were
 * committed. Writers never wait for each other because of the chain: a writer that finds another
 * sealing leaves its transaction to that sealer or the next one. Thread-safe.
 */
public final class ChainSealer {

  private static final int BATCH = 1024;

  private final LedgerStore store;
  private final ReentrantLock lock = new ReentrantLock();

  public ChainSealer(LedgerStore store) {
    this.store = store;
  }

  /** Seals what is unsealed unless another thread is sealing right now. */
  public void sealIfIdle() {
    if (lock.tryLock()) {
      try {
        sealAll();
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

  private void sealAll() {
    CanonicalEncoder encoder = CanonicalEncoder.forThisThread();
    while (true) {
      List<Transaction> batch = store.unsealed(BATCH);
      if (batch.isEmpty()) {
        return;
      }
      Optional<Seal> last = store.lastSeal();
      long position = last.map(Seal::position).orElse(0L);
      Digest previous = last.map(Seal::hash).orElse(Digest.ZERO);
      List<Seal> seals = new ArrayList<>(batch.size());
      for (Transaction tx : batch) {
        previous = encoder.chainLink(previous, tx);
        seals.add(new Seal(++position, tx.id(), previous));
      }
      try {
        store.appendSeals(seals);
      } catch (ConcurrentSealException raced) {
        // Another ledger instance on the same store sealed first: read the new end and go on.
      }
    }
  }
}
