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
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One ledger command's unit of work in its own database transaction: the key's lookup, the locks
 * (taken with the key's lookup when the command says them up front), the reads, and the rows
 * held back until {@link #writeAndCommit()} sends them in one statement with the {@code COMMIT}.
 * Used by one thread, for one transaction.
 */
final class CommandUnit implements StoreTransaction {
  private final Connection c;
  /** Changes applied and not yet written. */
  private RowWriter pending;
  /** What the unit locks and what it reads and adds its changes to. */
  private final LedgerSql.Locks locks;
  /** An id drawn with the account locks, not yet handed out. */
  private Long nextId;
  /** The first lots of the wallets the unit spends from, read with the locks, until asked for. */
  private final Map<AccountId, List<Lot>> firstLots = new HashMap<>();
  /** Accounts locked with the key's lookup, and their states, until {@link #lockAccounts} asks for them. */
  private SortedSet<AccountId> lockedUpFront;
  private Map<AccountId, AccountState> statesLockedUpFront;

  /**
   * The changes to accounts this unit adds to rather than locks ({@link AddedChanges}), held back
   * to the end of the command, or inside a caller's unit of work to the end of that unit (then
   * they are the unit's).
   */
  private final AddedChanges held;

  /** A unit in its own database transaction. */
  CommandUnit(Connection c) {
    this(c, new AddedChanges(), false);
  }

  /**
   * A unit inside a caller's database transaction, which adds its changes to system accounts and
   * budgets to {@code unitChanges}, for the end of that transaction.
   */
  CommandUnit(Connection c, AddedChanges unitChanges) {
    this(c, unitChanges, true);
  }

  private CommandUnit(Connection c, AddedChanges held, boolean inCallersUnit) {
    this.c = c;
    this.held = held;
    this.locks = inCallersUnit ? LedgerSql.IN_UNIT : LedgerSql.OWN_TRANSACTION;
    this.pending = new RowWriter(inCallersUnit);
  }

  @Override
  public Optional<IdempotencyRecord> idempotency(IdempotencyKey key) {
    return read(() -> {
      try (PreparedStatement ps = c.prepareStatement(LedgerSql.KEY_SQL)) {
        ps.setString(1, key.value());
        ps.execute();
        return keyRecord(ps, key);
      }
    });
  }

  /**
   * The key's lookup, the locks with the transaction id, and the first lots of the wallets the
   * unit spends from: three statements in one round trip (so a command is two, with the write's).
   * The later {@link #lockAccounts(SortedSet, Set)} for the same ids is answered from them.
   */
  @Override
  public Optional<IdempotencyRecord> idempotency(IdempotencyKey key, SortedSet<AccountId> ids,
      Set<AccountId> spending) {
    return read(() -> {
      try (PreparedStatement ps = c.prepareStatement(spending.isEmpty() ? locks.keyAndLock()
          : locks.keyLockAndFirstLots())) {
        ps.setString(1, key.value());
        bindLocks(ps, 2, ids, spending);
        ps.execute();
        Optional<IdempotencyRecord> known = keyRecord(ps, key);
        ps.getMoreResults();
        statesLockedUpFront = readLocks(ps, spending);
        lockedUpFront = ids;
        return known;
      }
    });
  }

  private static Optional<IdempotencyRecord> keyRecord(PreparedStatement ps, IdempotencyKey key) throws SQLException {
  try (ResultSet rs = ps.getResultSet()) {
    return rs.next() ? RowReader.idempotencyRecord(rs, key) : Optional.empty();
  }
}

@Override
  public Map<AccountId, AccountState> lockAccounts(SortedSet<AccountId> ids) {
    return lockAccounts(ids, Set.of());
  }

  /**
   * The locks (rows locked in id order, so units never deadlock) and the transaction id in one
   * statement, and the first lots of the wallets the unit spends from in a second one, sent in
   * the same round trip: a statement of its own, so its snapshot is taken once the locks are
   * held and it sees what their last holder committed. Nothing to send if the key's lookup took
   * these locks already.
   */
  @Override
  public Map<AccountId, AccountState> lockAccounts(SortedSet<AccountId> ids, Set<AccountId> spending) {
    if (ids.equals(lockedUpFront)) {
      Map<AccountId, AccountState> states = statesLockedUpFront;
      lockedUpFront = null;
      statesLockedUpFront = null;
      return states;
    }
    return read(() -> {
      try (PreparedStatement ps = c.prepareStatement(spending.isEmpty() ? locks.lock() : locks.lockAndFirstLots())) {
        bindLocks(ps, 1, ids, spending);
        ps.execute();
        ps.getMoreResults();   // past the planner settings
        return readLocks(ps, spending);
      }
    });
  }

  private void bindLocks(PreparedStatement ps, int first, SortedSet<AccountId> ids, Set<AccountId> spending)
      throws SQLException {
    java.sql.Array accounts = c.createArrayOf("varchar", ids.stream().map(AccountId::value).toArray());
    ps.setArray(first, accounts);
    ps.setArray(first + 1, accounts);
    if (!spending.isEmpty()) {
      ps.setArray(first + 2, c.createArrayOf("varchar", spending.stream().map(AccountId::value).toArray()));
    }
  }

  /** The locked rows and the id drawn with them from the current result, then the first lots from the next. */
  private Map<AccountId, AccountState> readLocks(PreparedStatement ps, Set<AccountId> spending) throws SQLException {
    Map<AccountId, AccountState> out = new HashMap<>();
    try (ResultSet rs = ps.getResultSet()) {
      while (rs.next()) {
        AccountState read = RowReader.accountState(rs);
        // a system account as this transaction has it: with the changes its unit holds back
        AccountState s = held.applyTo(read);
        out.put(s.id(), s);
        pending.base(s);
        if (nextId == null) {
          nextId = rs.getLong("next_id");
        }
      }
    }
    if (!spending.isEmpty()) {
      for (AccountState s : out.values()) {
        if (s.account().type() == AccountType.WALLET && spending.contains(s.id())) {
          firstLots.put(s.id(), new ArrayList<>());
        }
      }
      ps.getMoreResults();
      try (ResultSet rs = ps.getResultSet()) {
        while (rs.next()) {
          Lot lot = RowReader.lotFrom(rs);
          firstLots.get(lot.account()).add(lot);
        }
      }
    }
    return out;
  }

  @Override
  public TransactionId nextTransactionId() {
    if (nextId != null) {
      TransactionId id = TransactionId.of(nextId);
      nextId = null;
      return id;
    }
    return read(() -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT nextval('ledger_transaction_id_seq')")) {
        rs.next();
        return TransactionId.of(rs.getLong(1));
      }
    });
  }

  /**
   * Pages through the open lots in spend order, {@value LedgerSql#FIRST_LOTS} first (read with the locks
   * when the unit said it spends from the wallet) and then {@value LedgerSql#LOT_PAGE} at a time: a command
   * usually needs the first one or two, and a busy wallet may hold thousands. A credit reads none.
   */
  @Override
  public Iterable<Lot> openLots(AccountId wallet) {
    List<Lot> first = firstLots.remove(wallet);
    return () -> new Iterator<>() {
      private int asked = LedgerSql.FIRST_LOTS;
      private List<Lot> page = first != null ? first : read(() -> RowReader.openLotsAfter(c, wallet, null, LedgerSql.FIRST_LOTS));
      private int next;

      @Override
      public boolean hasNext() {
        if (next < page.size()) {
          return true;
        }
        if (page.size() < asked) {
          return false;
        }
        Lot last = page.get(page.size() - 1);
        asked = LedgerSql.LOT_PAGE;
        page = read(() -> RowReader.openLotsAfter(c, wallet, last, LedgerSql.LOT_PAGE));
        next = 0;
        return !page.isEmpty();
      }

      @Override
      public Lot next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.get(next++);
      }
    };
  }

  @Override
  public Optional<Lot> lot(AccountId wallet, LotId id) {
    return read(() -> RowReader.lot(c, wallet, id));
  }

  @Override
  public Optional<Hold> hold(HoldId id) {
    return read(() -> RowReader.hold(c, id));
  }

  @Override
  public Optional<Transaction> transaction(TransactionId id) {
    return read(() -> Optional.ofNullable(RowReader.transactions(c, List.of(id.value())).get(id.value())));
  }

  @Override
  public List<Transaction> reversalsOf(TransactionId original) {
    return read(() -> RowReader.reversalsOf(c, original));
  }

  @Override
  public List<Transaction> historyEffectiveAfter(AccountId account, Instant after) {
    return read(() -> RowReader.historyEffectiveAfter(c, account, after));
  }

  /** One statement over the index of the account's entries by effective time: it reads only those after {@code from}. */
  @Override
  public long mostPostedAfter(AccountId account, Instant from) {
    return read(() -> RowReader.mostPostedAfter(c, account, from, List.of()));
  }

  @Override
  public SortedSet<AccountId> walletsWithLotsExpiringBy(Instant asOf) {
    return read(() -> {
      SortedSet<AccountId> out = new TreeSet<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT DISTINCT account_id FROM ledger_lot WHERE open AND expires_at_ns <= ?")) {
        ps.setBigDecimal(1, Nanos.of(asOf));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(AccountId.of(rs.getString(1)));
          }
        }
      }
      return out;
    });
  }

  /**
   * Holds the changes back until the unit returns, when {@link #writeAndCommit} sends them in one
   * statement with the {@code COMMIT}. A unit applies its changes last, so nothing reads them
   * before; should anything ask after all, they are written first.
   */
  @Override
  public void apply(ChangeSet changes) {
    RetryingTransactions.sql(() -> {
      if (!changes.newAccounts().isEmpty()) {
        RowWriter.insertAccounts(c, changes.newAccounts());
        changes.newAccounts().forEach(a -> pending.base(AccountState.opened(a)));
      }
      pending.add(changes);
      return null;
    });
  }

  /** A read, after writing what {@link #apply} held back, if anything. */
  private <T> T read(RetryingTransactions.SqlSupplier<T> body) {
    return RetryingTransactions.sql(() -> {
      flush();
      return body.get();
    });
  }

  /**
   * Writes what {@link #apply} held back, if anything, without committing (before a read, and
   * inside a caller's unit of work at the command's end); the changes to accounts that are added
   * to stay held back.
   */
  void flush() throws SQLException {
    if (!pending.isEmpty()) {
      pending.write(c, false, held, true);
      pending = pending.next();
    }
  }

  /** Writes what {@link #apply} held back, with the changes added to accounts, and the {@code COMMIT}, in one round trip. */
  void writeAndCommit() throws SQLException {
    pending.write(c, true, held, false);
  }
}
