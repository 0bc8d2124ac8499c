package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.internal.CanonicalEncoder;
import dev.loyalty.ledger.internal.DirectTransfers;
import dev.loyalty.ledger.internal.LinksItself;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.ChangeSet;
import dev.loyalty.ledger.spi.ConcurrentSealException;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.Seal;
import dev.loyalty.ledger.spi.StoreTransaction;
import dev.loyalty.ledger.spi.StoredTransaction;
import dev.loyalty.ledger.spi.UnsealedTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The default store: everything in the JVM's memory, gone with it. Thread-safe: writes are
 * serialized by one lock (a ledger command takes microseconds, so one lock costs less than
 * per-account locking would), reads share a read lock. Sealing has its own small lock so that
 * it never waits for a writer.
 */
public final class InMemoryLedgerStore implements LedgerStore, LinksItself {

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<AccountId, AccountRecord> accounts = new HashMap<>();
  private final Map<HoldId, Hold> holds = new HashMap<>();
  private final Set<HoldId> openHolds = new LinkedHashSet<>();
  /** Transaction n at index n - 1; null where a test deleted one behind the ledger's back. */
  private final CompactJournal journal = new CompactJournal();
  /** Rows a test marked unreadable behind the ledger's back, with why. */
  private final Map<TransactionId, String> damaged = new HashMap<>();
  /** Per reversed transaction, the ids of its reversals, oldest first. */
  private final Map<TransactionId, List<TransactionId>> reversals = new HashMap<>();
  private final KeyTable keys = new KeyTable();
  /** A direct transfer's content hash on its way into {@link #seals}; used under the write lock only. */
  private final byte[] contentHash = new byte[32];
  /** The direct transfers' planner and its entries' records, and their ids and journal numbers; under the write lock only. */
  private final DirectTransfer direct = new DirectTransfer();
  private final AccountRecord[] directRecords = new AccountRecord[DirectTransfer.MAX_ENTRIES];
  private final AccountId[] directIds = new AccountId[DirectTransfer.MAX_ENTRIES];
  private final int[] directNumbers = new int[DirectTransfer.MAX_ENTRIES];
  /**
   * Whether units write two-entry transfers directly ({@link DirectTransfer}) and the store links
   * its own transactions into the chain ({@link #linkUnsealed}); off only to test those paths
   * against the general ones.
   */
  private final boolean directTransfers;

  /** Guards the sealing state below; never held while taking the read/write lock. */
  private final Object sealLock = new Object();
  /** The committed transactions' content hashes and links, linked and not yet linked. */
  private final SealLog seals = new SealLog();

  /** How many commands a ledger executes between two sealings of the hash chain (see {@link #sealEvery()}). */
  static final int SEAL_EVERY = 64;

  /** An empty store. */
  public InMemoryLedgerStore() {
    this(true);
  }

  /**
   * @param directTransfers false to plan every transfer the general way and link the chain through
   *                        the SPI's objects (to compare the two in tests)
   */
  InMemoryLedgerStore(boolean directTransfers) {
    this.directTransfers = directTransfers;
  }

  /**
   * {@value #SEAL_EVERY}: a ledger links what this store has committed into the hash chain after
   * every {@value #SEAL_EVERY}th command, on that command's thread, so that the work around a link
   * (reading the queue and the chain's end, checking that the batch continues it) is done once per
   * batch instead of once per command; a link is the same whichever batch makes it. The
   * transactions of the last commands wait unlinked for the next batch; {@code Ledger.seal()} and
   * {@code Ledger.verify()} link them at once.
   */
  @Override
  public int sealEvery() {
    return SEAL_EVERY;
  }

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
  private final class Unit implements StoreTransaction, DirectTransfers {
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
      return keys.get(key);
    }

    @Override
    public Map<AccountId, AccountState> lockAccounts(SortedSet<AccountId> ids) {
      checkOpen();
      if (locked) {
        throw new IllegalStateException("lockAccounts may be called once per unit of work");
      }
      locked = true;
      Map<AccountId, AccountState> out = new HashMap<>(ids.size() * 2);
      for (AccountId id : ids) {
        AccountRecord r = accounts.get(id);
        if (r != null) {
          out.put(id, r.state());
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
      AccountRecord r = accounts.get(wallet);
      return r == null || r.lots == null ? List.of() : r.lots.openView();
    }

    @Override
    public Optional<Lot> lot(AccountId wallet, LotId id) {
      checkOpen();
      AccountRecord r = accounts.get(wallet);
      return r == null || r.lots == null ? Optional.empty() : r.lots.get(id);
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
    public List<Transaction> reversalsOf(TransactionId original) {
      checkOpen();
      return reversalsOfLocked(original);
    }

    /** Reads the account's whole history: the ledger asks {@link #mostPostedAfter} instead. */
    @Override
    public List<Transaction> historyEffectiveAfter(AccountId account, Instant after) {
      checkOpen();
      AccountRecord r = accounts.get(account);
      List<Transaction> out = new ArrayList<>();
      for (int i = 0; r != null && i < r.historySize(); i++) {
        Transaction tx = journal.get((int) (r.historyAt(i) - 1));
        if (tx != null && tx.effectiveAt().isAfter(after) && tx.amountFor(account) != 0) {
          out.add(tx);
        }
      }
      return out;
    }

    /** From the account's {@link PostedByTime}, built on the first call for the account: O(log n). */
    @Override
    public long mostPostedAfter(AccountId account, Instant from) {
      checkOpen();
      AccountRecord r = accounts.get(account);
      return r == null ? 0 : postedByTime(r).mostPostedAfter(from);
    }

    @Override
    public SortedSet<AccountId> walletsWithLotsExpiringBy(Instant asOf) {
      checkOpen();
      SortedSet<AccountId> out = new TreeSet<>();
      accounts.forEach((id, r) -> {
        if (r.lots != null && r.lots.hasLotExpiringBy(asOf)) {
          out.add(id);
        }
      });
      return out;
    }

    @Override
    public Optional<Transaction> transferDirectly(TransferRequest transfer, Instant now, Digest fingerprint) {
      checkOpen();
      List<Entry> entries = transfer.entries();
      int n = entries.size();
      if (!directTransfers || applied || locked || n > DirectTransfer.MAX_ENTRIES) {
        return Optional.empty();
      }
      AccountRecord[] records = directRecords;
      for (int i = 0; i < n; i++) {
        records[i] = accounts.get(entries.get(i).account());
      }
      DirectTransfer plan = direct;
      boolean planned = plan.plan(transfer, now, TransactionId.of(journal.size() + 1L), records);
      if (!planned) {
        Arrays.fill(records, 0, n, null);
        return Optional.empty();
      }
      Transaction tx = plan.transaction();
      CanonicalEncoder.forThisThread().contentHash(tx, contentHash, 0);
      locked = true;
      applied = true;
      plan.apply();
      appendDirect(tx, entries, records, n);
      Arrays.fill(records, 0, n, null);
      keys.putWritten(transfer.key(), fingerprint, tx.id().value());
      return Optional.of(tx);
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
      AccountRecord r = accounts.get(s.id());
      if (r == null) {
        accounts.put(s.id(), new AccountRecord(s));
      } else {
        r.set(s);
      }
    }
    for (Lot lot : changes.lots()) {
      accounts.get(lot.account()).lots.put(lot);
    }
    for (Hold hold : changes.holds()) {
      holds.put(hold.id(), hold);
      if (hold.status() == HoldStatus.OPEN) {
        openHolds.add(hold.id());
      } else {
        openHolds.remove(hold.id());
      }
    }
    changes.transaction().ifPresent(tx -> append(tx, changes.contentHash().orElseThrow()));
    changes.idempotency().ifPresent(keys::put);
  }

  /** Appends a written transaction to the journal, its accounts' histories, its original's reversals and the queue to seal. */
  private void append(Transaction tx, Digest contentHash) {
    journal.add(tx);
    addToHistories(tx);
    tx.reverses().ifPresent(original -> reversals.computeIfAbsent(original, k -> new ArrayList<>(1)).add(tx.id()));
    synchronized (sealLock) {
      seals.addUnlinked(tx.id(), contentHash);
    }
  }

  /**
   * {@link #append}, for a direct transfer whose entries name each account once, {@code records}
   * their records in entry order: the records are at hand, so neither the journal nor the histories
   * look the accounts up.
   */
  private void appendDirect(Transaction tx, List<Entry> entries, AccountRecord[] records, int n) {
    AccountId[] ids = directIds;
    int[] numbers = directNumbers;
    for (int i = 0; i < n; i++) {
      ids[i] = entries.get(i).account();
      numbers[i] = journalNumber(records[i]);
    }
    journal.add(tx, ids, numbers, n);
    Arrays.fill(ids, 0, n, null);
    for (int i = 0; i < n; i++) {
      records[i].addHistory(tx);
    }
    synchronized (sealLock) {
      seals.addUnlinked(tx.id().value(), contentHash, 0);
    }
  }

  /** The account's number in the journal, kept on its record once the journal gave it. */
  private int journalNumber(AccountRecord r) {
    if (r.journalNumber < 0) {
      r.journalNumber = journal.numberOf(r.account().id());
    }
    return r.journalNumber;
  }

  private void addToHistories(Transaction tx) {
    List<Posting> postings = tx.postings();
    List<Posting> pending = tx.pending();
    for (int i = 0; i < postings.size() + pending.size(); i++) {
      AccountId id = (i < postings.size() ? postings.get(i) : pending.get(i - postings.size())).account();
      if (!appearsBefore(id, postings, pending, i)) {
        accounts.get(id).addHistory(tx);
      }
    }
  }

  private static boolean appearsBefore(AccountId id, List<Posting> postings, List<Posting> pending, int end) {
    for (int j = 0; j < end; j++) {
      if ((j < postings.size() ? postings.get(j) : pending.get(j - postings.size())).account().equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** Under the write lock: building the index changes the record. */
  private PostedByTime postedByTime(AccountRecord r) {
    return r.postedByTime(id -> journal.get((int) (id - 1)));
  }

  /** Under the read or the write lock. */
  private List<Transaction> reversalsOfLocked(TransactionId original) {
    List<TransactionId> ids = reversals.getOrDefault(original, List.of());
    List<Transaction> out = new ArrayList<>(ids.size());
    for (TransactionId id : ids) {
      find(id).ifPresent(out::add);
    }
    return out;
  }

  private Optional<Transaction> find(TransactionId id) {
    String problem = damaged.get(id);
    if (problem != null) {
      throw new IllegalStateException("the row of " + id + " cannot be read: " + problem);
    }
    long index = id.value() - 1;
    return index < journal.size() ? Optional.ofNullable(journal.get((int) index)) : Optional.empty();
  }

  private Optional<StoredTransaction> stored(TransactionId id) {
    String problem = damaged.get(id);
    if (problem != null) {
      return Optional.of(StoredTransaction.broken(id, problem));
    }
    long index = id.value() - 1;
    Transaction tx = index < journal.size() ? journal.get((int) index) : null;
    if (tx == null) {
      return Optional.empty();
    }
    return Optional.of(tx.id().equals(id) ? StoredTransaction.ok(tx)
        : StoredTransaction.broken(id, "the row of " + id + " holds transaction " + tx.id()));
  }

  private <T> T read(Supplier<T> reader) {
    lock.readLock().lock();
    try {
      return reader.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<AccountState> accountState(AccountId id) {
    return read(() -> Optional.ofNullable(accounts.get(id)).map(AccountRecord::state));
  }

  @Override
  public List<AccountState> accountStates() {
    return read(() -> {
      List<AccountState> all = new ArrayList<>(accounts.size());
      accounts.values().forEach(r -> all.add(r.state()));
      all.sort((a, b) -> a.id().compareTo(b.id()));
      return all;
    });
  }

  @Override
  public List<Lot> lots(AccountId wallet, boolean includeSpent) {
    return read(() -> {
      AccountRecord r = accounts.get(wallet);
      return r == null || r.lots == null ? List.<Lot>of() : r.lots.snapshot(includeSpent);
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
  public List<Transaction> reversalsOf(TransactionId original) {
    return read(() -> reversalsOfLocked(original));
  }

  /**
   * Under the read lock from the account's {@link PostedByTime}; the first time it is asked for an
   * account, under the write lock, which builds it.
   */
  @Override
  public long mostPostedAfter(AccountId account, Instant from) {
    Long known = read(() -> {
      AccountRecord r = accounts.get(account);
      if (r == null) {
        return Long.valueOf(0);
      }
      PostedByTime index = r.postedByTime();
      return index == null ? null : Long.valueOf(index.mostPostedAfter(from));
    });
    if (known != null) {
      return known;
    }
    lock.writeLock().lock();
    try {
      return postedByTime(accounts.get(account)).mostPostedAfter(from);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public List<Transaction> history(AccountId account, Optional<TransactionId> after, int limit) {
    return read(() -> {
      AccountRecord r = accounts.get(account);
      if (r == null) {
        return List.<Transaction>of();
      }
      int from = after.map(t -> r.historyIndexAfter(t.value())).orElse(0);
      int to = (int) Math.min(r.historySize(), (long) from + limit);
      List<Transaction> out = new ArrayList<>(Math.max(0, to - from));
      for (int i = from; i < to; i++) {
        find(TransactionId.of(r.historyAt(i))).ifPresent(out::add);
      }
      return out;
    });
  }

  @Override
  public List<Transaction> journal(Optional<TransactionId> after, int limit) {
    return read(() -> page(after, limit, this::find));
  }

  @Override
  public List<StoredTransaction> storedJournal(Optional<TransactionId> after, int limit) {
    return read(() -> page(after, limit, this::stored));
  }

  /** Up to {@code limit} rows after {@code after}, as {@code row} reads them (rows it finds absent are skipped). */
  private <T> List<T> page(Optional<TransactionId> after, int limit, Function<TransactionId, Optional<T>> row) {
    // ids are journal positions: id n is at index n - 1
    List<T> out = new ArrayList<>();
    for (int i = (int) Math.min(journal.size(), after.map(TransactionId::value).orElse(0L));
        i < journal.size() && out.size() < limit; i++) {
      row.apply(TransactionId.of(i + 1L)).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public Map<TransactionId, StoredTransaction> stored(List<TransactionId> ids) {
    return read(() -> {
      Map<TransactionId, StoredTransaction> out = new LinkedHashMap<>();
      for (TransactionId id : ids) {
        stored(id).ifPresent(row -> out.put(id, row));
      }
      return out;
    });
  }

  @Override
  public long journalSize() {
    return read(() -> (long) journal.present());
  }

  @Override
  public Map<IdempotencyKey, IdempotencyRecord> outcomes(Collection<IdempotencyKey> wanted) {
    return read(() -> {
      Map<IdempotencyKey, IdempotencyRecord> out = new LinkedHashMap<>();
      for (IdempotencyKey key : wanted) {
        keys.get(key).ifPresent(r -> out.put(key, r));
      }
      return out;
    });
  }

  @Override
  public List<UnsealedTransaction> unsealed(int limit) {
    synchronized (sealLock) {
      return seals.unlinked(limit);
    }
  }

  @Override
  public Optional<Seal> lastSeal() {
    synchronized (sealLock) {
      return seals.linked() == 0 ? Optional.empty() : Optional.of(seals.get(seals.linked()));
    }
  }

  @Override
  public void appendSeals(List<Seal> newSeals) {
    synchronized (sealLock) {
      for (int i = 0; i < newSeals.size(); i++) {
        Seal s = newSeals.get(i);
        if (!seals.continues(s, i)) {
          throw new ConcurrentSealException("expected a seal at position " + (seals.linked() + 1L + i)
              + " for the next unsealed transaction, got " + s.position() + " for " + s.transaction());
        }
      }
      newSeals.forEach(s -> seals.link(s.hash()));
    }
  }

  /**
   * Links from the content hashes it keeps, without {@code Seal} objects; the hashing itself
   * outside the seal lock, so that writers do not wait for it.
   */
  @Override
  public int linkUnsealed(CanonicalEncoder encoder, int limit) {
    if (!directTransfers) {
      return -1;
    }
    while (true) {
      SealLog.Pending pending;
      synchronized (sealLock) {
        pending = seals.pending(limit);
      }
      if (pending == null) {
        return 0;
      }
      byte[] links = SealLog.linkPending(pending, encoder);
      synchronized (sealLock) {
        if (seals.linkAll(pending, links)) {
          return pending.to() - pending.from();
        }
      }
      // another sealer linked some of them first: read the new end and try again
    }
  }

  @Override
  public List<Seal> seals(long afterPosition, int limit) {
    synchronized (sealLock) {
      return seals.after(afterPosition, limit);
    }
  }

  /**
   * Replaces a stored transaction behind the ledger's back. Exists only so that tests can prove
   * that {@link dev.loyalty.ledger.Ledger#verify()} detects tampering; never call it otherwise.
   */
  public void tamperWithTransaction(TransactionId id, UnaryOperator<Transaction> change) {
    behindTheLedgersBack(() -> {
      int index = (int) (id.value() - 1);
      journal.set(index, change.apply(journal.get(index)));
    });
  }

  // The hooks below exist only so that this store's tests can prove that verify() and audit()
  // detect each kind of tampering; they change state behind the ledger's back.

  void tamperDeleteTransaction(TransactionId id) {
    behindTheLedgersBack(() -> journal.set((int) (id.value() - 1), null));
  }

  void tamperDamageTransaction(TransactionId id, String problem) {
    behindTheLedgersBack(() -> damaged.put(id, problem));
  }

  void tamperUnlinkReversal(TransactionId reversal) {
    behindTheLedgersBack(() -> reversals.values().forEach(list -> list.remove(reversal)));
  }

  void tamperWithAccount(AccountId id, UnaryOperator<AccountState> change) {
    behindTheLedgersBack(() -> accounts.get(id).set(change.apply(accounts.get(id).state())));
  }

  void tamperWithHold(HoldId id, UnaryOperator<Hold> change) {
    behindTheLedgersBack(() -> {
      Hold h = change.apply(holds.get(id));
      holds.put(id, h);
      if (h.status() == HoldStatus.OPEN) {
        openHolds.add(id);
      } else {
        openHolds.remove(id);
      }
    });
  }

  void tamperWithLot(AccountId wallet, LotId id, UnaryOperator<Lot> change) {
    behindTheLedgersBack(() -> accounts.get(wallet).lots.put(change.apply(accounts.get(wallet).lots.get(id)
        .orElseThrow())));
  }

  void tamperForgetKey(IdempotencyKey key) {
    behindTheLedgersBack(() -> keys.remove(key));
  }

  private void behindTheLedgersBack(Runnable change) {
    lock.writeLock().lock();
    try {
      change.run();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
