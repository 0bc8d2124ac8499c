package dev.loyalty.ledger.spi;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A store that hands every call to another one and counts the reads of account history and of the
 * journal. With {@link #withSpiDefaults} it keeps the SPI's default {@code mostPostedAfter} (read
 * and in a unit) instead of the other store's own: a store as a host would write it, implementing
 * only the abstract methods, on which the contract suites prove those defaults. With {@link
 * #counting} it hands {@code mostPostedAfter} on too, to show what the ledger reads. Thread-safe if
 * the other store is.
 */
public final class ForwardingStore implements LedgerStore {

  private final LedgerStore inner;
  private final boolean innerAnswersMostPostedAfter;
  private final AtomicLong historyReads = new AtomicLong();
  private final AtomicLong journalReads = new AtomicLong();

  private ForwardingStore(LedgerStore inner, boolean innerAnswersMostPostedAfter) {
    this.inner = inner;
    this.innerAnswersMostPostedAfter = innerAnswersMostPostedAfter;
  }

  /** Over {@code inner}, with the SPI's own {@code mostPostedAfter}, computed from history reads. */
  public static ForwardingStore withSpiDefaults(LedgerStore inner) {
    return new ForwardingStore(inner, false);
  }

  /** Over {@code inner}, all of it, counting the history reads. */
  public static ForwardingStore counting(LedgerStore inner) {
    return new ForwardingStore(inner, true);
  }

  /** The store every call goes to. */
  public LedgerStore inner() {
    return inner;
  }

  /** Calls of {@link #history} and of {@link StoreTransaction#historyEffectiveAfter} so far. */
  public long historyReads() {
    return historyReads.get();
  }

  /** Transactions {@link #journal} returned so far. */
  public long journalReads() {
    return journalReads.get();
  }

  @Override
  public <T> T write(Function<StoreTransaction, T> work) {
    return inner.write(tx -> work.apply(new Unit(tx)));
  }

  @Override
  public <T> List<T> writeEach(List<Function<StoreTransaction, T>> works) {
    return inner.writeEach(works.stream().<Function<StoreTransaction, T>>map(w -> tx -> w.apply(new Unit(tx))).toList());
  }

  @Override
  public boolean groupsConcurrentCommands() {
    return inner.groupsConcurrentCommands();
  }

  @Override
  public boolean joinsCallersTransaction() {
    return inner.joinsCallersTransaction();
  }

  @Override
  public void afterCommit(Runnable action) {
    inner.afterCommit(action);
  }

  @Override
  public int sealEvery() {
    return inner.sealEvery();
  }

  @Override
  public Optional<AccountState> accountState(AccountId id) {
    return inner.accountState(id);
  }

  @Override
  public List<AccountState> accountStates() {
    return inner.accountStates();
  }

  @Override
  public List<Lot> lots(AccountId wallet, boolean includeSpent) {
    return inner.lots(wallet, includeSpent);
  }

  @Override
  public Optional<Hold> hold(HoldId id) {
    return inner.hold(id);
  }

  @Override
  public List<Hold> openHolds(AccountId account) {
    return inner.openHolds(account);
  }

  @Override
  public List<HoldId> holdsTimedOutBy(Instant asOf) {
    return inner.holdsTimedOutBy(asOf);
  }

  @Override
  public Optional<Transaction> transaction(TransactionId id) {
    return inner.transaction(id);
  }

  @Override
  public List<Transaction> reversalsOf(TransactionId original) {
    return inner.reversalsOf(original);
  }

  @Override
  public List<Transaction> history(AccountId account, Optional<TransactionId> after, int limit) {
    historyReads.incrementAndGet();
    return inner.history(account, after, limit);
  }

  @Override
  public long mostPostedAfter(AccountId account, Instant from) {
    return innerAnswersMostPostedAfter ? inner.mostPostedAfter(account, from)
        : LedgerStore.super.mostPostedAfter(account, from);
  }

  @Override
  public List<Transaction> journal(Optional<TransactionId> after, int limit) {
    List<Transaction> page = inner.journal(after, limit);
    journalReads.addAndGet(page.size());
    return page;
  }

  @Override
  public List<UnsealedTransaction> unsealed(int limit) {
    return inner.unsealed(limit);
  }

  @Override
  public Map<TransactionId, StoredTransaction> stored(List<TransactionId> ids) {
    return inner.stored(ids);
  }

  @Override
  public List<StoredTransaction> storedJournal(Optional<TransactionId> after, int limit) {
    return inner.storedJournal(after, limit);
  }

  @Override
  public long journalSize() {
    return inner.journalSize();
  }

  @Override
  public Map<IdempotencyKey, IdempotencyRecord> outcomes(Collection<IdempotencyKey> keys) {
    return inner.outcomes(keys);
  }

  @Override
  public Optional<Seal> lastSeal() {
    return inner.lastSeal();
  }

  @Override
  public void appendSeals(List<Seal> seals) {
    inner.appendSeals(seals);
  }

  @Override
  public List<Seal> seals(long afterPosition, int limit) {
    return inner.seals(afterPosition, limit);
  }

  private final class Unit implements StoreTransaction {
    private final StoreTransaction tx;

    Unit(StoreTransaction tx) {
      this.tx = tx;
    }

    @Override
    public Optional<IdempotencyRecord> idempotency(IdempotencyKey key) {
      return tx.idempotency(key);
    }

    @Override
    public Optional<IdempotencyRecord> idempotency(IdempotencyKey key, SortedSet<AccountId> ids,
        Set<AccountId> spending) {
      return tx.idempotency(key, ids, spending);
    }

    @Override
    public Map<AccountId, AccountState> lockAccounts(SortedSet<AccountId> ids) {
      return tx.lockAccounts(ids);
    }

    @Override
    public Map<AccountId, AccountState> lockAccounts(SortedSet<AccountId> ids, Set<AccountId> spending) {
      return tx.lockAccounts(ids, spending);
    }

    @Override
    public TransactionId nextTransactionId() {
      return tx.nextTransactionId();
    }

    @Override
    public Iterable<Lot> openLots(AccountId wallet) {
      return tx.openLots(wallet);
    }

    @Override
    public Optional<Lot> lot(AccountId wallet, LotId id) {
      return tx.lot(wallet, id);
    }

    @Override
    public Optional<Hold> hold(HoldId id) {
      return tx.hold(id);
    }

    @Override
    public Optional<Transaction> transaction(TransactionId id) {
      return tx.transaction(id);
    }

    @Override
    public List<Transaction> reversalsOf(TransactionId original) {
      return tx.reversalsOf(original);
    }

    @Override
    public List<Transaction> historyEffectiveAfter(AccountId account, Instant after) {
      historyReads.incrementAndGet();
      return tx.historyEffectiveAfter(account, after);
    }

    @Override
    public long mostPostedAfter(AccountId account, Instant from) {
      return innerAnswersMostPostedAfter ? tx.mostPostedAfter(account, from)
          : StoreTransaction.super.mostPostedAfter(account, from);
    }

    @Override
    public SortedSet<AccountId> walletsWithLotsExpiringBy(Instant asOf) {
      return tx.walletsWithLotsExpiringBy(asOf);
    }

    @Override
    public void apply(ChangeSet changes) {
      tx.apply(changes);
    }
  }
}
