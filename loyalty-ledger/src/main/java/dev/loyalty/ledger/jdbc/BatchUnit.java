package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.ChangeSet;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.StoreTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Many ledger units in one database transaction, with one statement per step for all of them:
 *
 * <ol>
 *   <li><b>Discovery</b>, before any lock: each unit runs against a recorder that answers
 *       "never seen" for its key, notes the accounts it asks to lock and stops it there. It
 *       plans nothing: only which keys and accounts the batch needs.
 *   <li><b>One sorted lock</b> of all those accounts ({@code SELECT ... ORDER BY id FOR UPDATE},
 *       like a single command's), so batches and single commands never deadlock each other, and
 *       one draw of transaction ids after the locks are held. System accounts are read, not locked,
 *       and the batch's changes to them are added to their rows as it writes ({@link AddedChanges}).
 *   <li><b>Reads for all units at once</b>: their keys' outcomes, and the first page of open lots
 *       of every locked wallet.
 *   <li><b>Each unit for real</b>, in order, against that state as the units before it left it:
 *       a unit's change reaches the shared state only when it returns normally, so a refused
 *       command records its refusal and changes nothing else, exactly as alone.
 *   <li><b>One write</b> of every row in its final state, then one commit.
 * </ol>
 *
 * <p>Whatever a unit asks that this path does not offer (an expiry run's search for wallets, a
 * lock beyond what discovery found, opening accounts) throws {@link Unsupported}; the caller
 * then rolls back and runs the chunk one unit per transaction. Used by one thread, once.
 */
final class BatchUnit {

  /** Thrown to hand a chunk back to the one-unit-per-transaction path. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  /** Stops a unit during discovery once it asked for its locks; never escapes this class. */
  private static final class Discovered extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Discovered() {
      super("discovered", null, false, false);
    }
  }

  private final Connection c;
  private final RowWriter rows = new RowWriter(false);
  private final Set<IdempotencyKey> keysAsked = new HashSet<>();
  private final SortedSet<AccountId> toLock = new TreeSet<>();
  /** The wallets the units spend from: only their first lots are read up front; others on demand. */
  private final Set<AccountId> spending = new HashSet<>();
  private final Map<IdempotencyKey, IdempotencyRecord> outcomes = new HashMap<>();
  private final Map<AccountId, AccountState> accounts = new HashMap<>();
  private final Map<AccountId, WalletLots> lots = new HashMap<>();
  private final Map<Long, Hold> holds = new HashMap<>();
  private final Map<Long, Transaction> written = new HashMap<>();
  /** Reversals written by this batch, per reversed transaction, oldest first. */
  private final Map<Long, List<Transaction>> reversals = new HashMap<>();
  private final ArrayDeque<Long> ids = new ArrayDeque<>();
  private int lockingUnits;

  BatchUnit(Connection c) {
    this.c = c;
  }

  <T> List<T> run(List<Function<StoreTransaction, T>> works) throws SQLException {
    for (Function<StoreTransaction, T> work : works) {
      try {
        work.apply(new Recorder());
      } catch (Discovered expected) {
        lockingUnits++;
      } catch (RetryingTransactions.UncheckedSql e) {
        throw e.getCause();
      }
    }
    try {
      lockAndRead(works.size());
      List<T> results = new ArrayList<>(works.size());
      for (Function<StoreTransaction, T> work : works) {
        Unit unit = new Unit();
        results.add(work.apply(unit));
        unit.release();
      }
      rows.write(c, true);
      return results;
    } catch (RetryingTransactions.UncheckedSql e) {
      throw e.getCause();
    }
  }

  /**
   * The planner setting, the batch's keys, its sorted lock, the transaction ids drawn once the locks
   * are held, and the first open lots of every wallet the batch spends from: five statements in one round trip.
   * Each is a statement of its own, so the ids and the lots come after the locks (the lots read with
   * a snapshot in which the last holder of each lock has committed).
   */
  private void lockAndRead(int units) throws SQLException {
    boolean locking = !toLock.isEmpty();
    try (PreparedStatement ps = c.prepareStatement(LedgerSql.batchReads(units <= LedgerSql.SMALL_BATCH, locking))) {
      ps.setArray(1, c.createArrayOf("varchar", keysAsked.stream().map(IdempotencyKey::value).toArray()));
      if (locking) {
        java.sql.Array accountIds = c.createArrayOf("varchar", toLock.stream().map(AccountId::value).toArray());
        ps.setArray(2, accountIds);
        ps.setArray(3, accountIds);
        ps.setInt(4, lockingUnits);
        ps.setArray(5, c.createArrayOf("varchar", spending.stream().map(AccountId::value).toArray()));
      }
      ps.execute();
      ps.getMoreResults();
      try (ResultSet rs = ps.getResultSet()) {
        while (rs.next()) {
          IdempotencyKey key = IdempotencyKey.of(rs.getString("key"));
          RowReader.idempotencyRecord(rs, key).ifPresent(record -> outcomes.put(key, record));
        }
      }
      if (!locking) {
        return;
      }
      List<AccountId> wallets = new ArrayList<>();
      ps.getMoreResults();
      try (ResultSet rs = ps.getResultSet()) {
        while (rs.next()) {
          AccountState state = RowReader.accountState(rs);
          accounts.put(state.id(), state);
          rows.base(state);
          if (state.account().type() == AccountType.WALLET && spending.contains(state.id())) {
            wallets.add(state.id());
          }
        }
      }
      ps.getMoreResults();
      try (ResultSet rs = ps.getResultSet()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      ps.getMoreResults();
      Map<AccountId, List<Lot>> pages = new HashMap<>();
      try (ResultSet rs = ps.getResultSet()) {
        while (rs.next()) {
          Lot lot = RowReader.lotFrom(rs);
          pages.computeIfAbsent(lot.account(), k -> new ArrayList<>()).add(lot);
        }
      }
      for (AccountId wallet : wallets) {
        WalletLots view = new WalletLots(wallet);
        view.merge(pages.getOrDefault(wallet, List.of()), LedgerSql.FIRST_LOTS);
        lots.put(wallet, view);
      }
    }
  }

  private WalletLots lotsOf(AccountId wallet) {
    return lots.computeIfAbsent(wallet, WalletLots::new);
  }

  /**
   * A wallet's open lots as the batch sees them: every lot the batch read or changed, and where
   * the database may hold more (the spend-order position after which nothing was read yet).
   */
  private final class WalletLots {
    private final AccountId wallet;
    private final TreeMap<Lot, Lot> bySpendOrder = new TreeMap<>(Lot.SPEND_ORDER);
    private final Map<LotId, Lot> byId = new HashMap<>();
    /** Every open lot in the database up to here (in spend order) is read; null: none read yet. */
    private Lot readUpTo;
    private boolean readAll;

    WalletLots(AccountId wallet) {
      this.wallet = wallet;
    }

    /** A page of at most {@code limit} lots read from the database: kept only where the batch has no newer version. */
    void merge(List<Lot> page, int limit) {
      for (Lot lot : page) {
        if (!byId.containsKey(lot.id())) {
          put(lot);
        }
      }
      if (page.size() < limit) {
        readAll = true;
      } else {
        readUpTo = page.get(page.size() - 1);
      }
    }

    void put(Lot lot) {
      bySpendOrder.put(lot, lot);
      byId.put(lot.id(), lot);
    }

    Optional<Lot> byId(LotId id) {
      return Optional.ofNullable(byId.get(id));
    }

    /** The first open lot after {@code after} (null: from the start), reading on where needed. */
    Lot openAfter(Lot after) {
      while (true) {
        Lot candidate = after == null ? first() : higher(after);
        while (candidate != null && candidate.remaining() == 0) {
          candidate = higher(candidate);
        }
        boolean beyondRead = !readAll && (readUpTo == null || candidate == null
            || Lot.SPEND_ORDER.compare(candidate, readUpTo) > 0);
        if (!beyondRead) {
          return candidate;
        }
        Lot from = readUpTo;
        merge(RetryingTransactions.sql(() -> RowReader.openLotsAfter(c, wallet, from, LedgerSql.LOT_PAGE)),
            LedgerSql.LOT_PAGE);
      }
    }

    // The values, never the keys: a TreeMap keeps the first key of equal ones, and a lot's key
    // is its first version seen (same spend-order position, stale amounts).
    private Lot first() {
      return bySpendOrder.isEmpty() ? null : bySpendOrder.firstEntry().getValue();
    }

    private Lot higher(Lot lot) {
      Lot key = bySpendOrder.higherKey(lot);
      return key == null ? null : bySpendOrder.get(key);
    }
  }

  /** Discovery: records keys and locks, reads what a unit needs before locking, writes nothing. */
  private final class Recorder implements StoreTransaction {
    @Override
    public Optional<IdempotencyRecord> idempotency(IdempotencyKey key) {
      keysAsked.add(key);
      return Optional.empty();
    }

    @Override
    public Map<AccountId, AccountState> lockAccounts(SortedSet<AccountId> ids) {
      return lockAccounts(ids, Set.of());
    }

    @Override
    public Map<AccountId, AccountState> lockAccounts(SortedSet<AccountId> ids, Set<AccountId> spends) {
      toLock.addAll(ids);
      spending.addAll(spends);
      throw new Discovered();
    }

    @Override
    public TransactionId nextTransactionId() {
      throw new Unsupported("a transaction id before locking");
    }

    @Override
    public Iterable<Lot> openLots(AccountId wallet) {
      throw new Unsupported("lots before locking");
    }

    @Override
    public Optional<Lot> lot(AccountId wallet, LotId id) {
      throw new Unsupported("lots before locking");
    }

    @Override
    public Optional<Hold> hold(HoldId id) {
      return RetryingTransactions.sql(() -> RowReader.hold(c, id));
    }

    @Override
    public Optional<Transaction> transaction(TransactionId id) {
      return RetryingTransactions.sql(() -> Optional.ofNullable(RowReader.transactions(c, List.of(id.value()))
          .get(id.value())));
    }

    @Override
    public List<Transaction> reversalsOf(TransactionId original) {
      return RetryingTransactions.sql(() -> RowReader.reversalsOf(c, original));
    }

    @Override
    public List<Transaction> historyEffectiveAfter(AccountId account, Instant after) {
      throw new Unsupported("a history before locking");
    }

    @Override
    public long mostPostedAfter(AccountId account, Instant from) {
      throw new Unsupported("an as-of check before locking");
    }

    @Override
    public SortedSet<AccountId> walletsWithLotsExpiringBy(Instant asOf) {
      throw new Unsupported("an expiry run in a batch");
    }

    @Override
    public void apply(ChangeSet changes) {
      // refused before locking: the real run records the refusal
    }
  }

  /** One unit's view of the batch: what the database held when locked, plus the units before it. */
  private final class Unit implements StoreTransaction {
    private boolean released;
    private Set<AccountId> locked = Set.of();

    private void check() {
      if (released) {
        throw new IllegalStateException("a unit of a batch was used after it ended");
      }
    }

    void release() {
      released = true;
    }

    @Override
    public Optional<IdempotencyRecord> idempotency(IdempotencyKey key) {
      check();
      IdempotencyRecord known = outcomes.get(key);
      if (known == null && !keysAsked.contains(key)) {
        throw new Unsupported("a key discovery did not see");
      }
      return Optional.ofNullable(known);
    }

    @Override
    public Map<AccountId, AccountState> lockAccounts(SortedSet<AccountId> wanted) {
      check();
      if (!toLock.containsAll(wanted)) {
        throw new Unsupported("a lock discovery did not see");
      }
      locked = Set.copyOf(wanted);
      Map<AccountId, AccountState> out = new HashMap<>();
      for (AccountId id : wanted) {
        AccountState state = accounts.get(id);
        if (state != null) {
          out.put(id, state);
        }
      }
      return out;
    }

    @Override
    public TransactionId nextTransactionId() {
      check();
      Long id = ids.poll();
      if (id == null) {
        throw new Unsupported("more transaction ids than discovery saw");
      }
      return TransactionId.of(id);
    }

    @Override
    public Iterable<Lot> openLots(AccountId wallet) {
      check();
      requireLocked(wallet);
      WalletLots view = lotsOf(wallet);
      return () -> new Iterator<>() {
        private Lot last;
        private Lot next = view.openAfter(null);

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public Lot next() {
          if (next == null) {
            throw new NoSuchElementException();
          }
          last = next;
          next = view.openAfter(last);
          return last;
        }
      };
    }

    @Override
    public Optional<Lot> lot(AccountId wallet, LotId id) {
      check();
      requireLocked(wallet);
      Optional<Lot> seen = lotsOf(wallet).byId(id);
      return seen.isPresent() ? seen : RetryingTransactions.sql(() -> RowReader.lot(c, wallet, id));
    }

    private void requireLocked(AccountId account) {
      if (!locked.contains(account)) {
        throw new Unsupported("lots of an account the unit did not lock");
      }
    }

    @Override
    public Optional<Hold> hold(HoldId id) {
      check();
      Hold seen = holds.get(id.transaction().value());
      return seen != null ? Optional.of(seen) : RetryingTransactions.sql(() -> RowReader.hold(c, id));
    }

    @Override
    public Optional<Transaction> transaction(TransactionId id) {
      check();
      Transaction seen = written.get(id.value());
      return seen != null ? Optional.of(seen) : RetryingTransactions.sql(() -> Optional.ofNullable(
          RowReader.transactions(c, List.of(id.value())).get(id.value())));
    }

    /** Those committed before the batch (read under its locks), then those the batch wrote. */
    @Override
    public List<Transaction> reversalsOf(TransactionId original) {
      check();
      List<Transaction> out = new ArrayList<>(RetryingTransactions.sql(() -> RowReader.reversalsOf(c, original)));
      out.addAll(reversals.getOrDefault(original.value(), List.of()));
      return out;
    }

    /** Those committed before the batch (read under its locks), then those the batch wrote. */
    @Override
    public List<Transaction> historyEffectiveAfter(AccountId account, Instant after) {
      check();
      requireLocked(account);
      List<Transaction> out = new ArrayList<>(RetryingTransactions.sql(
          () -> RowReader.historyEffectiveAfter(c, account, after)));
      for (Transaction tx : written.values()) {
        if (tx.effectiveAt().isAfter(after) && tx.amountFor(account) != 0) {
          out.add(tx);
        }
      }
      return out;
    }

    /**
     * Over the entries committed before the batch (read under its locks) and the postings of the
     * units before this one, sent with the statement: one round trip, whatever the account's history.
     */
    @Override
    public long mostPostedAfter(AccountId account, Instant from) {
      check();
      requireLocked(account);
      List<Transaction> pending = new ArrayList<>();
      for (Transaction tx : written.values()) {
        if (tx.effectiveAt().isAfter(from) && tx.amountFor(account) != 0) {
          pending.add(tx);
        }
      }
      return RetryingTransactions.sql(() -> RowReader.mostPostedAfter(c, account, from, pending));
    }

    @Override
    public SortedSet<AccountId> walletsWithLotsExpiringBy(Instant asOf) {
      throw new Unsupported("an expiry run in a batch");
    }

    @Override
    public void apply(ChangeSet changes) {
      check();
      if (!changes.newAccounts().isEmpty()) {
        throw new Unsupported("opening accounts in a batch");
      }
      rows.add(changes);
      for (AccountState state : changes.accountStates()) {
        accounts.put(state.id(), state);
      }
      for (Lot lot : changes.lots()) {
        lotsOf(lot.account()).put(lot);
      }
      for (Hold hold : changes.holds()) {
        holds.put(hold.id().transaction().value(), hold);
      }
      changes.transaction().ifPresent(tx -> {
        written.put(tx.id().value(), tx);
        tx.reverses().ifPresent(original -> reversals.computeIfAbsent(original.value(), k -> new ArrayList<>(1))
            .add(tx));
      });
      changes.idempotency().ifPresent(record -> outcomes.put(record.key(), record));
    }
  }
}
