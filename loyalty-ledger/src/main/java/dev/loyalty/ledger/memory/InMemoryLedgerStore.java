package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.ChangeSet;
import dev.loyalty.ledger.spi.ConcurrentSealException;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.Seal;
import dev.loyalty.ledger.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The default store: everything in the JVM's memory, gone with it. Thread-safe: writes are
 * serialized by one lock (a ledger command takes microseconds, so one lock costs less than
 * per-account locking would), reads share a read lock.
 */
public final class InMemoryLedgerStore implements LedgerStore {

  /** Orders open lots of a wallet in spend order. */
  private record LotKey(Instant expiresAt, LotId id) implements Comparable<LotKey> {
    static LotKey of(Lot lot) {
      return new LotKey(lot.expiresAt().orElse(Instant.MAX), lot.id());
    }

    @Override
    public int compareTo(LotKey o) {
      int c = expiresAt.compareTo(o.expiresAt);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<AccountId, AccountState> accounts = new HashMap<>();
  private final Map<AccountId, TreeMap<LotKey, Lot>> openLots = new HashMap<>();
  private final Map<LotId, Lot> lots = new HashMap<>();
  private final Map<AccountId, List<LotId>> lotsByAccount = new HashMap<>();
  private final Map<HoldId, Hold> holds = new HashMap<>();
  private final Set<HoldId> openHolds = new LinkedHashSet<>();
  private final List<Transaction> journal = new ArrayList<>();
  private final Map<AccountId, List<Transaction>> historyByAccount = new HashMap<>();
  private final Map<TransactionId, TransactionId> reversals = new HashMap<>();
  private final Map<IdempotencyKey, IdempotencyRecord> keys = new HashMap<>();
  private final ArrayDeque<Transaction> unsealed = new ArrayDeque<>();
  private final List<Seal> seals = new ArrayList<>();

  /** An empty store. */
  public InMemoryLedgerStore() {}

  @Override
  public <T> T write(Function<StoreTransaction, T> work) {
    lock.writeLock().lock();
    try {
      Unit unit = new Unit();
      try {
        return work.apply(unit);
      } finally {
        unit.closed = true;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The unit of work: runs under the write lock, so its reads are stable until it ends. */
  private final class Unit implements StoreTransaction {
    boolean closed;
    boolean applied;
    boolean locked;

    private void checkOpen() {
      if (closed) {
        throw new IllegalStateException("the unit of work has ended");
      }
    }

    @Override
    public Optional<IdempotencyRecord> idempotency(IdempotencyKey key) {
      checkOpen();
      return Optional.ofNullable(keys.get(key));
    }

    @Override
    public Map<AccountId, AccountState> lockAccounts(SortedSet<AccountId> ids) {
      checkOpen();
      if (locked) {
        throw new IllegalStateException("lockAccounts may be called once per unit of work");
      }
      locked = true;
      Map<AccountId, AccountState> out = new HashMap<>();
      for (AccountId id : ids) {
        AccountState s = accounts.get(id);
        if (s != null) {
          out.put(id, s);
        }
      }
      return out;
    }

    @Override
    public TransactionId nextTransactionId() {
      checkOpen();
      return TransactionId.of(journal.size() + 1L);
    }

    @Override
    public Iterable<Lot> openLots(AccountId wallet) {
      checkOpen();
      TreeMap<LotKey, Lot> open = openLots.get(wallet);
      return open == null ? List.of() : open.values();
    }

    @Override
    public Optional<Lot> lot(LotId id) {
      checkOpen();
      return Optional.ofNullable(lots.get(id));
    }

    @Override
    public Optional<Hold> hold(HoldId id) {
      checkOpen();
      return Optional.ofNullable(holds.get(id));
    }

    @Override
    public Optional<Transaction> transaction(TransactionId id) {
      checkOpen();
      return find(id);
    }

    @Override
    public Optional<TransactionId> reversalOf(TransactionId original) {
      checkOpen();
      return Optional.ofNullable(reversals.get(original));
    }

    @Override
    public SortedSet<AccountId> walletsWithLotsExpiringBy(Instant asOf) {
      checkOpen();
      SortedSet<AccountId> out = new TreeSet<>();
      openLots.forEach((account, open) -> {
        if (!open.isEmpty() && open.firstKey().expiresAt().compareTo(asOf) <= 0) {
          out.add(account);
        }
      });
      return out;
    }

    @Override
    public void apply(ChangeSet changes) {
      checkOpen();
      if (applied) {
        throw new IllegalStateException("apply may be called once per unit of work");
      }
      applied = true;
      applyChanges(changes);
    }
  }

  private void applyChanges(ChangeSet changes) {
    for (Account a : changes.newAccounts()) {
      if (accounts.containsKey(a.id())) {
        throw new IllegalStateException("account " + a.id() + " exists already");
      }
    }
    changes.transaction().ifPresent(tx -> {
      if (tx.id().value() != journal.size() + 1L) {
        throw new IllegalStateException("transaction " + tx.id() + " is not the next id " + (journal.size() + 1));
      }
    });
    for (AccountState s : changes.accountStates()) {
      accounts.put(s.id(), s);
    }
    for (Lot lot : changes.lots()) {
      Lot previous = lots.put(lot.id(), lot);
      if (previous == null) {
        lotsByAccount.computeIfAbsent(lot.account(), k -> new ArrayList<>()).add(lot.id());
      }
      TreeMap<LotKey, Lot> open = openLots.computeIfAbsent(lot.account(), k -> new TreeMap<>());
      if (lot.remaining() > 0) {
        open.put(LotKey.of(lot), lot);
      } else {
        open.remove(LotKey.of(lot));
      }
    }
    for (Hold hold : changes.holds()) {
      holds.put(hold.id(), hold);
      if (hold.status() == HoldStatus.OPEN) {
        openHolds.add(hold.id());
      } else {
        openHolds.remove(hold.id());
      }
    }
    changes.transaction().ifPresent(tx -> {
      journal.add(tx);
      Set<AccountId> touched = new LinkedHashSet<>();
      for (Posting p : tx.postings()) {
        touched.add(p.account());
      }
      for (Posting p : tx.pending()) {
        touched.add(p.account());
      }
      for (AccountId id : touched) {
        historyByAccount.computeIfAbsent(id, k -> new ArrayList<>()).add(tx);
      }
      tx.reverses().ifPresent(original -> reversals.put(original, tx.id()));
      synchronized (unsealed) {
        unsealed.add(tx);
      }
    });
    changes.idempotency().ifPresent(r -> keys.put(r.key(), r));
  }

  private Optional<Transaction> find(TransactionId id) {
    long index = id.value() - 1;
    return index < journal.size() ? Optional.of(journal.get((int) index)) : Optional.empty();
  }

  private <T> T read(java.util.function.Supplier<T> reader) {
    lock.readLock().lock();
    try {
      return reader.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<AccountState> accountState(AccountId id) {
    return read(() -> Optional.ofNullable(accounts.get(id)));
  }

  @Override
  public List<AccountState> accountStates() {
    return read(() -> {
      List<AccountState> all = new ArrayList<>(accounts.values());
      all.sort((a, b) -> a.id().compareTo(b.id()));
      return all;
    });
  }

  @Override
  public List<Lot> lots(AccountId wallet, boolean includeSpent) {
    return read(() -> {
      if (!includeSpent) {
        TreeMap<LotKey, Lot> open = openLots.get(wallet);
        return open == null ? List.of() : List.copyOf(open.values());
      }
      List<Lot> all = new ArrayList<>();
      for (LotId id : lotsByAccount.getOrDefault(wallet, List.of())) {
        all.add(lots.get(id));
      }
      all.sort(Lot.SPEND_ORDER);
      return all;
    });
  }

  @Override
  public Optional<Hold> hold(HoldId id) {
    return read(() -> Optional.ofNullable(holds.get(id)));
  }

  @Override
  public List<Hold> openHolds(AccountId account) {
    return read(() -> {
      List<Hold> out = new ArrayList<>();
      for (HoldId id : openHolds) {
        Hold h = holds.get(id);
        if (h.from().equals(account) || h.to().equals(account)) {
          out.add(h);
        }
      }
      out.sort((a, b) -> a.id().compareTo(b.id()));
      return out;
    });
  }

  @Override
  public List<HoldId> holdsTimedOutBy(Instant asOf) {
    return read(() -> {
      List<HoldId> out = new ArrayList<>();
      for (HoldId id : openHolds) {
        if (holds.get(id).isTimedOutAt(asOf)) {
          out.add(id);
        }
      }
      Collections.sort(out);
      return out;
    });
  }

  @Override
  public Optional<Transaction> transaction(TransactionId id) {
    return read(() -> find(id));
  }

  @Override
  public List<Transaction> history(AccountId account, Optional<TransactionId> after, int limit) {
    return read(() -> page(historyByAccount.getOrDefault(account, List.of()), after, limit));
  }

  @Override
  public List<Transaction> journal(Optional<TransactionId> after, int limit) {
    return read(() -> page(journal, after, limit));
  }

  private static List<Transaction> page(List<Transaction> ascending, Optional<TransactionId> after, int limit) {
    int from = 0;
    if (after.isPresent()) {
      // Binary search: lists are ascending by id.
      int lo = 0;
      int hi = ascending.size();
      long key = after.get().value();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (ascending.get(mid).id().value() <= key) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      from = lo;
    }
    return List.copyOf(ascending.subList(from, Math.min(ascending.size(), from + limit)));
  }

  @Override
  public List<Transaction> unsealed(int limit) {
    synchronized (unsealed) {
      List<Transaction> out = new ArrayList<>(Math.min(limit, unsealed.size()));
      for (Transaction tx : unsealed) {
        if (out.size() == limit) {
          break;
        }
        out.add(tx);
      }
      return out;
    }
  }

  @Override
  public Optional<Seal> lastSeal() {
    synchronized (unsealed) {
      return seals.isEmpty() ? Optional.empty() : Optional.of(seals.get(seals.size() - 1));
    }
  }

  @Override
  public void appendSeals(List<Seal> newSeals) {
    synchronized (unsealed) {
      long expected = seals.size() + 1L;
      int i = 0;
      for (Transaction tx : unsealed) {
        if (i == newSeals.size()) {
          break;
        }
        Seal s = newSeals.get(i);
        if (s.position() != expected + i || !s.transaction().equals(tx.id())) {
          throw new ConcurrentSealException("expected position " + (expected + i) + " for " + tx.id()
              + ", got " + s.position() + " for " + s.transaction());
        }
        i++;
      }
      if (i != newSeals.size()) {
        throw new ConcurrentSealException("more seals than unsealed transactions");
      }
      for (int k = 0; k < newSeals.size(); k++) {
        unsealed.poll();
      }
      seals.addAll(newSeals);
    }
  }

  @Override
  public List<Seal> seals(long afterPosition, int limit) {
    synchronized (unsealed) {
      int from = (int) Math.min(Math.max(afterPosition, 0), seals.size());
      return List.copyOf(seals.subList(from, Math.min(seals.size(), from + limit)));
    }
  }

  /**
   * Replaces a stored transaction behind the ledger's back. Exists only so that tests can prove
   * that {@link dev.loyalty.ledger.Ledger#verify()} detects tampering; never call it otherwise.
   */
  public void tamperWithTransaction(TransactionId id, UnaryOperator<Transaction> change) {
    lock.writeLock().lock();
    try {
      int index = (int) (id.value() - 1);
      journal.set(index, change.apply(journal.get(index)));
    } finally {
      lock.writeLock().unlock();
    }
  }
}
