package dev.loyalty.ledger.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.LotReservation;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.RejectionCode;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransactionType;
import dev.loyalty.ledger.internal.CanonicalDecoder;
import dev.loyalty.ledger.internal.CanonicalEncoder;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.ChangeSet;
import dev.loyalty.ledger.spi.ConcurrentSealException;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.LedgerStoreException;
import dev.loyalty.ledger.spi.Rejection;
import dev.loyalty.ledger.spi.Seal;
import dev.loyalty.ledger.spi.StoreTransaction;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LedgerStore} in PostgreSQL, over a {@link DataSource} the host supplies (its pool, its
 * driver). One database transaction per ledger command; the accounts a command touches are
 * locked with {@code SELECT ... FOR UPDATE} in id order, so commands never deadlock each other; a
 * serialization failure, a deadlock or a lost race on a unique key is retried a bounded number
 * of times, then surfaces as a transient {@link LedgerStoreException}. {@link #writeEach} (behind
 * {@code Ledger.executeAll}) runs a chunk of commands in one transaction with one lock statement
 * for all their accounts, in the same order; a ledger also uses it to commit the commands that
 * several threads execute at the same time together ({@link #groupsConcurrentCommands()}). Many
 * application instances may share one database. Thread-safe.
 *
 * <p>Call {@link #migrate()} once (or apply the SQL in {@code dev/loyalty/ledger/jdbc} by hand)
 * before use.
 */
public final class JdbcLedgerStore implements LedgerStore {

  private static final Logger log = LoggerFactory.getLogger(JdbcLedgerStore.class);
  private static final int MAX_ATTEMPTS = 8;
  /** Most units one batch commits together; bounds how long its row locks are held. */
  private static final int BATCH_CHUNK = 500;
  /** pg_advisory_xact_lock key that serializes sealers across instances. */
  private static final long SEAL_LOCK = 0x4C45444745525345L;

  private final DataSource dataSource;
  private final boolean grouping;
  private volatile boolean schemaChecked;
  /** Chunks of {@link #writeEach} committed in one transaction; for tests, which check the batch path is taken. */
  private final java.util.concurrent.atomic.AtomicLong chunksTogether = new java.util.concurrent.atomic.AtomicLong();

  private JdbcLedgerStore(DataSource dataSource, boolean grouping) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.grouping = grouping;
  }

  /**
   * A store over {@code dataSource}; nothing is read until first use. A ledger over it commits
   * commands that several threads execute at the same time together (see
   * {@link #groupsConcurrentCommands()}).
   */
  public static JdbcLedgerStore using(DataSource dataSource) {
    return new JdbcLedgerStore(dataSource, true);
  }

  /**
   * This store without group commit: every command a ledger executes is a database transaction
   * of its own, even when other threads commit at the same time. For comparison, and for hosts
   * that want a slow command never to hold up others' (a group's locks are the union of its
   * commands').
   */
  public JdbcLedgerStore withoutCommandGrouping() {
    return new JdbcLedgerStore(dataSource, false);
  }

  /**
   * True unless built {@link #withoutCommandGrouping()}: a commit costs a round trip and a disk
   * flush, and commands that arrive while one is in flight share the next one through
   * {@link #writeEach}. Measured with the benchmark in the examples ({@code docs/BENCHMARKS.md}).
   */
  @Override
  public boolean groupsConcurrentCommands() {
    return grouping;
  }

  /**
   * Creates or upgrades the schema to the version this library uses, idempotently; refuses a
   * database whose schema is newer. Returns the schema version.
   */
  public int migrate() {
    int version = SchemaMigrator.migrate(dataSource);
    schemaChecked = true;
    return version;
  }

  /**
   * True while the calling thread has a {@link JdbcUnitOfWork} open on this store's data source:
   * commands then run in that unit's transaction and commit with it.
   */
  @Override
  public boolean joinsCallersTransaction() {
    return JdbcUnitOfWork.current(dataSource).isPresent();
  }

  /** Runs {@code action} once the calling thread's {@link JdbcUnitOfWork} commits, or at once outside one. */
  @Override
  public void afterCommit(Runnable action) {
    JdbcUnitOfWork.afterCommit(dataSource, action);
  }

  /** Seals every 64 commands: each seal is a database transaction (a disk flush) of its own. */
  @Override
  public int sealEvery() {
    return 64;
  }

  // ---------------------------------------------------------------------------------------------
  // Units of work

  /**
   * Runs one unit in its own database transaction. Its rows go out in one statement together with
   * the {@code COMMIT} (one round trip for both; see {@link Unit#apply}).
   */
  @Override
  public <T> T write(Function<StoreTransaction, T> work) {
    Optional<Connection> joined = JdbcUnitOfWork.current(dataSource);
    if (joined.isPresent()) {
      // the caller's transaction commits it, with whatever else it holds
      return inCallersTransaction(joined.get(), c -> {
        Unit unit = new Unit(c);
        T result = work.apply(unit);
        unit.flush();
        return result;
      });
    }
    return inTransaction(c -> {
      Unit unit = new Unit(c);
      T result = work.apply(unit);
      unit.writeAndCommit();
      return result;
    });
  }

  /**
   * Commits up to {@value #BATCH_CHUNK} units in one database transaction, with one statement
   * for each step of the whole chunk rather than of each unit (see {@link BatchUnit}): one flush,
   * and a handful of round trips for many commands. Each unit still sees the effects of the units
   * before it and lands whole or not at all. When the shared transaction fails for any reason (a
   * lost race on a key, a unit that needs something the batch path does not offer, a dropped
   * connection), it is rolled back whole and its units run again one by one with the usual
   * retries; a unit committed by a transaction whose commit was lost then replays by its key.
   */
  @Override
  public <T> List<T> writeEach(List<Function<StoreTransaction, T>> works) {
    List<T> results = new ArrayList<>(works.size());
    if (joinsCallersTransaction()) {
      for (Function<StoreTransaction, T> work : works) {
        results.add(write(work));
      }
      return results;
    }
    for (int from = 0; from < works.size(); from += BATCH_CHUNK) {
      List<Function<StoreTransaction, T>> chunk = works.subList(from, Math.min(works.size(), from + BATCH_CHUNK));
      List<T> together;
      try {
        together = inOneTransaction(chunk);
      } catch (SQLException | RuntimeException e) {
        log.debug("a batch of {} ledger commands fell back to one transaction each: {}", chunk.size(), e.toString());
        together = null;
      }
      if (together != null) {
        chunksTogether.incrementAndGet();
        results.addAll(together);
      } else {
        for (Function<StoreTransaction, T> work : chunk) {
          results.add(write(work));
        }
      }
    }
    return results;
  }

  long chunksCommittedTogether() {
    return chunksTogether.get();
  }

  private <T> List<T> inOneTransaction(List<Function<StoreTransaction, T>> chunk) throws SQLException {
    checkSchema();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        BatchUnit batch = new BatchUnit(c);
        List<T> results = batch.run(chunk);
        c.commit();
        return results;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    }
  }

  /**
   * Runs {@code body} in one database transaction, retrying transient failures; or, when the
   * calling thread has a {@link JdbcUnitOfWork} open on this store's data source, once in that
   * unit's transaction.
   */
  private <T> T inTransaction(SqlFunction<Connection, T> body) {
    Optional<Connection> joined = JdbcUnitOfWork.current(dataSource);
    if (joined.isPresent()) {
      return inCallersTransaction(joined.get(), body);
    }
    checkSchema();
    for (int attempt = 1; ; attempt++) {
      SQLException failure;
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          T result = body.apply(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
      } catch (SQLException e) {
        failure = e;
      } catch (UncheckedSql e) {
        failure = e.getCause();
      }
      if (!isRetryable(failure) || attempt == MAX_ATTEMPTS) {
        throw new LedgerStoreException("the ledger database failed: " + failure.getMessage() + " (SQLState "
            + failure.getSQLState() + ")", failure, isRetryable(failure) || isConnectionFailure(failure));
      }
      log.debug("retrying a ledger unit of work after {} (attempt {})", failure.getSQLState(), attempt);
      backOff(attempt);
    }
  }

  /**
   * Runs {@code body} once on the connection of the caller's unit of work, neither committing nor
   * retrying: a failed statement has aborted the caller's transaction, so the unit is marked to
   * roll back and the failure thrown for the caller to run the whole unit again if it is transient.
   */
  private <T> T inCallersTransaction(Connection c, SqlFunction<Connection, T> body) {
    SQLException failure;
    try {
      checkSchema(c);
      return body.apply(c);
    } catch (SQLException e) {
      failure = e;
    } catch (UncheckedSql e) {
      failure = e.getCause();
    }
    LedgerStoreException thrown = new LedgerStoreException("the ledger database failed inside the caller's unit of "
        + "work: " + failure.getMessage() + " (SQLState " + failure.getSQLState() + ")", failure,
        JdbcUnitOfWork.isTransient(failure));
    JdbcUnitOfWork.markFailed(dataSource, thrown);
    throw thrown;
  }

  private void checkSchema() {
    if (schemaChecked) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      checkSchema(c);
    } catch (SQLException e) {
      throw new LedgerStoreException("cannot read the ledger schema version: " + e.getMessage(), e,
          isConnectionFailure(e));
    }
  }

  private void checkSchema(Connection c) throws SQLException {
    if (schemaChecked) {
      return;
    }
    int version = SchemaMigrator.installedVersion(c);
    if (version == 0) {
      throw new LedgerStoreException("the database has no ledger schema: call JdbcLedgerStore.migrate() "
          + "or apply the SQL in dev/loyalty/ledger/jdbc first", null, false);
    }
    if (version != SchemaMigrator.CURRENT_VERSION) {
      throw new LedgerStoreException("the ledger schema is at version " + version + " but this library uses version "
          + SchemaMigrator.CURRENT_VERSION + (version < SchemaMigrator.CURRENT_VERSION
              ? ": call JdbcLedgerStore.migrate()" : ": upgrade the library"), null, false);
    }
    schemaChecked = true;
  }

  private static boolean isRetryable(SQLException e) {
    String state = e.getSQLState();
    // serialization failure, deadlock, unique violation (a concurrent writer took the key first)
    return "40001".equals(state) || "40P01".equals(state) || "23505".equals(state);
  }

  private static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
        || state.equals("57P03"));
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(Math.min(50, 1L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerStoreException("interrupted while retrying a ledger command", e, true);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      log.debug("rollback failed: {}", e.getMessage());
    }
  }

  @FunctionalInterface
  private interface SqlFunction<A, R> {
    R apply(A a) throws SQLException;
  }

  /** Carries a SQLException through the SPI's functional interfaces to the retry loop. */
  static final class UncheckedSql extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedSql(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  private <T> T read(SqlFunction<Connection, T> body) {
    return inTransaction(body);
  }

  /** One database transaction. */
  private final class Unit implements StoreTransaction {
    private final Connection c;
    /** Changes applied and not yet written. */
    private Rows pending = new Rows();
    /** An id drawn with the account locks, not yet handed out. */
    private Long nextId;
    /** The first lots of the wallets the unit spends from, read with the locks, until asked for. */
    private final Map<AccountId, List<Lot>> firstLots = new HashMap<>();
    /** Accounts locked with the key's lookup, and their states, until {@link #lockAccounts} asks for them. */
    private SortedSet<AccountId> lockedUpFront;
    private Map<AccountId, AccountState> statesLockedUpFront;

    Unit(Connection c) {
      this.c = c;
    }

    @Override
    public Optional<IdempotencyRecord> idempotency(IdempotencyKey key) {
      return read(() -> {
        try (PreparedStatement ps = c.prepareStatement(KEY_SQL)) {
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
        try (PreparedStatement ps = c.prepareStatement(spending.isEmpty() ? KEY_AND_LOCK_SQL
            : KEY_LOCK_AND_FIRST_LOTS_SQL)) {
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

    private Optional<IdempotencyRecord> keyRecord(PreparedStatement ps, IdempotencyKey key) throws SQLException {
      try (ResultSet rs = ps.getResultSet()) {
        if (!rs.next() || rs.getBytes("fingerprint") == null) {
          return Optional.empty();
        }
        Optional<TransactionId> tx = Nanos.getLong(rs, "transaction_id").map(TransactionId::of);
        String code = rs.getString("rejection_code");
        Optional<Rejection> rejection = code == null ? Optional.empty()
            : Optional.of(new Rejection(RejectionCode.valueOf(code), rs.getString("rejection_message")));
        return Optional.of(new IdempotencyRecord(key, Digest.of(rs.getBytes("fingerprint")), tx, rejection));
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
        try (PreparedStatement ps = c.prepareStatement(spending.isEmpty() ? LOCK_SQL : LOCK_AND_FIRST_LOTS_SQL)) {
          bindLocks(ps, 1, ids, spending);
          ps.execute();
          return readLocks(ps, spending);
        }
      });
    }

    private void bindLocks(PreparedStatement ps, int first, SortedSet<AccountId> ids, Set<AccountId> spending)
        throws SQLException {
      ps.setArray(first, c.createArrayOf("varchar", ids.stream().map(AccountId::value).toArray()));
      if (!spending.isEmpty()) {
        ps.setArray(first + 1, c.createArrayOf("varchar", spending.stream().map(AccountId::value).toArray()));
      }
    }

    /** The locked rows and the id drawn with them from the current result, then the first lots from the next. */
    private Map<AccountId, AccountState> readLocks(PreparedStatement ps, Set<AccountId> spending) throws SQLException {
      Map<AccountId, AccountState> out = new HashMap<>();
      try (ResultSet rs = ps.getResultSet()) {
        while (rs.next()) {
          AccountState s = accountState(rs);
          out.put(s.id(), s);
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
            Lot lot = lotFrom(rs);
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
     * Pages through the open lots in spend order, {@value #FIRST_LOTS} first (read with the locks
     * when the unit said it spends from the wallet) and then {@value #LOT_PAGE} at a time: a command
     * usually needs the first one or two, and a busy wallet may hold thousands. A credit reads none.
     */
    @Override
    public Iterable<Lot> openLots(AccountId wallet) {
      List<Lot> first = firstLots.remove(wallet);
      return () -> new java.util.Iterator<>() {
        private int asked = FIRST_LOTS;
        private List<Lot> page = first != null ? first : read(() -> openLotsAfter(c, wallet, null, FIRST_LOTS));
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
          asked = LOT_PAGE;
          page = read(() -> openLotsAfter(c, wallet, last, LOT_PAGE));
          next = 0;
          return !page.isEmpty();
        }

        @Override
        public Lot next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return page.get(next++);
        }
      };
    }

    @Override
    public Optional<Lot> lot(AccountId wallet, LotId id) {
      return read(() -> JdbcLedgerStore.lot(c, wallet, id));
    }

    @Override
    public Optional<Hold> hold(HoldId id) {
      return read(() -> JdbcLedgerStore.hold(c, id));
    }

    @Override
    public Optional<Transaction> transaction(TransactionId id) {
      return read(() -> Optional.ofNullable(transactions(c, List.of(id.value())).get(id.value())));
    }

    @Override
    public List<Transaction> reversalsOf(TransactionId original) {
      return read(() -> JdbcLedgerStore.reversalsOf(c, original));
    }

    @Override
    public SortedSet<AccountId> walletsWithLotsExpiringBy(Instant asOf) {
      return read(() -> {
        SortedSet<AccountId> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT DISTINCT account_id FROM ledger_lot WHERE open AND expires_at_ns <= ?")) {
          ps.setLong(1, Nanos.of(asOf));
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
      sql(() -> {
        if (!changes.newAccounts().isEmpty()) {
          insertAccounts(c, changes.newAccounts());
        }
        pending.add(changes);
        return null;
      });
    }

    /** A read, after writing what {@link #apply} held back, if anything. */
    private <T> T read(SqlSupplier<T> body) {
      return sql(() -> {
        flush();
        return body.get();
      });
    }

    /** Writes what {@link #apply} held back, if anything. */
    private void flush() throws SQLException {
      if (!pending.isEmpty()) {
        pending.write(c, false);
        pending = new Rows();
      }
    }

    void writeAndCommit() throws SQLException {
      pending.write(c, true);
    }
  }

  interface SqlSupplier<T> {
    T get() throws SQLException;
  }

  static <T> T sql(SqlSupplier<T> body) {
    try {
      return body.get();
    } catch (SQLException e) {
      throw new UncheckedSql(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /**
   * Planner settings for the statements after the one that applies them, to the end of the ledger
   * transaction ({@code set_config(..., true)} is {@code SET LOCAL}: the host's session keeps its
   * own settings). Every statement of a ledger command or batch finds its rows by key, and an index
   * scan in key order is always right for it; the planner's estimates can pick otherwise on a small
   * or freshly loaded table, or where a wallet's open lots are few by its statistics:
   * <ul>
   *   <li>a sequential scan: auto_explain on the benchmark's 1,000 accounts showed a command's lock
   *       and its balance update each reading all 46 pages of the table under its locks, 0.3-0.4 ms
   *       each, where the index reads 2 rows;
   *   <li>a bitmap scan for a wallet's first lots: it reads and sorts all the wallet's open lots,
   *       where the index, in spend order, stops after the first few; the cost then grows with the
   *       lots a wallet holds.
   * </ul>
   */
  static final String KEYED_ACCESS = "set_config('enable_seqscan', 'off', true), "
      + "set_config('enable_bitmapscan', 'off', true)";

  /**
   * {@link #KEYED_ACCESS} plus generic plans, for single commands: PostgreSQL otherwise plans a
   * statement over an array parameter afresh on every call, because the generic plan's guess of 10
   * elements looks dearer than the custom plan for the 2 a command has. (Not for batches: for their
   * hundreds of ids a plan made for the actual array is better, and its planning is shared.)
   * With these settings and the id drawn as in {@link #LOCK_SQL}, a transfer's lock statement
   * went from about 410 to about 60 µs of server time (pg_stat_statements, as
   * {@code JdbcLedgerProfile} in the examples measures it). Needs PostgreSQL 12 or later.
   */
  static final String COMMAND_PLANNER_SETTINGS = "set_config('plan_cache_mode', 'force_generic_plan', true), "
      + KEYED_ACCESS;

  /** A command's key lookup, its first statement, which also applies {@link #COMMAND_PLANNER_SETTINGS}. */
  private static final String KEY_SQL = "SELECT i.fingerprint, i.transaction_id, i.rejection_code, i.rejection_message "
      + "FROM (SELECT " + COMMAND_PLANNER_SETTINGS + ") AS s LEFT JOIN ledger_idempotency i ON i.key = ?";

  /**
   * A command's locks, in id order, and then its transaction id: drawn once the locks are held, so
   * that the ids of commands touching the same account follow the order they ran in. One id per
   * command, from a CTE that reads all the locked rows first.
   */
  private static final String LOCK_SQL = "WITH locked AS (SELECT * FROM ledger_account WHERE id = ANY (?) ORDER BY id "
      + "FOR UPDATE), drawn AS (SELECT nextval('ledger_transaction_id_seq') AS next_id FROM (SELECT count(*) FROM locked) "
      + "AS n) SELECT locked.*, drawn.next_id FROM locked CROSS JOIN drawn ORDER BY locked.id";


  /**
   * A command's rows (or a whole batch's) in one statement, one round trip: data-modifying CTEs
   * over arrays. The transaction's detail is its canonical encoding (the bytes its chain link
   * covers), so a transaction is one row plus one {@code ledger_account_entry} row per account.
   */
  private static final String APPLY_SQL = """
      WITH acc AS (
        UPDATE ledger_account a
           SET posted = u.posted, pending_debits = u.pending_debits, pending_credits = u.pending_credits, debt = u.debt
          FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
               AS u(id, posted, pending_debits, pending_credits, debt)
         WHERE a.id = u.id),
      txr AS (
        SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[],
                             ?::bigint[], ?::text[]) AS t(i, ty, k, r, e, rec, h, rev, d)),
      tx AS (
        INSERT INTO ledger_transaction (id, type, idempotency_key, reason, effective_at_ns, recorded_at_ns, hold_id, reverses,
                                        detail)
        SELECT i, ty, k, r, e, rec, h, rev, decode(d, 'hex') FROM txr),
      unsealed AS (
        INSERT INTO ledger_unsealed (transaction_id) SELECT i FROM txr),
      entry AS (
        INSERT INTO ledger_account_entry (account_id, transaction_id, amount)
        SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::bigint[])),
      lotr AS (
        SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                             ?::bigint[], ?::boolean[]) AS l(a, t, i, o, rem, held, exp, cre, fresh)),
      new_lot AS (
        INSERT INTO ledger_lot (account_id, lot_tx, lot_index, original, remaining, held, expires_at_ns, created_at_ns)
        SELECT a, t, i, o, rem, held, exp, cre FROM lotr WHERE fresh),
      changed_lot AS (
        UPDATE ledger_lot x SET remaining = lotr.rem, held = lotr.held
          FROM lotr WHERE NOT lotr.fresh AND x.account_id = lotr.a AND x.lot_tx = lotr.t AND x.lot_index = lotr.i),
      idem AS (
        INSERT INTO ledger_idempotency (key, fingerprint, transaction_id, rejection_code, rejection_message)
        SELECT k, decode(f, 'hex'), t, rc, rm FROM unnest(?::varchar[], ?::text[], ?::bigint[], ?::varchar[], ?::text[])
               AS i(k, f, t, rc, rm))
      SELECT 1
      """;

  private static final String APPLY_AND_COMMIT_SQL = APPLY_SQL + "; COMMIT";

  /** Binds one column of values as a SQL array parameter. */
  private static final class Columns {
    private final Connection c;
    private final PreparedStatement ps;
    private int index;

    Columns(Connection c, PreparedStatement ps) {
      this.c = c;
      this.ps = ps;
    }

    void add(String type, List<?> values) throws SQLException {
      ps.setArray(++index, c.createArrayOf(type, values.toArray()));
    }
  }

  /**
   * The rows of one or more commands' changes, as columns. Later changes to the same account or
   * lot replace earlier ones, so a batch writes each row once, in its final state.
   */
  static final class Rows {
    final Map<String, AccountState> accounts = new LinkedHashMap<>();
    final List<Transaction> transactions = new ArrayList<>();
    final Map<List<Object>, Lot> lots = new LinkedHashMap<>();
    final Map<Long, Hold> holds = new LinkedHashMap<>();
    final List<IdempotencyRecord> keys = new ArrayList<>();

    void add(ChangeSet changes) {
      for (AccountState s : changes.accountStates()) {
        accounts.put(s.id().value(), s);
      }
      changes.transaction().ifPresent(transactions::add);
      for (Lot lot : changes.lots()) {
        lots.put(List.of(lot.account().value(), lot.id().transaction().value(), lot.id().index()), lot);
      }
      for (Hold h : changes.holds()) {
        holds.put(h.id().transaction().value(), h);
      }
      changes.idempotency().ifPresent(keys::add);
    }

    boolean isEmpty() {
      return accounts.isEmpty() && transactions.isEmpty() && lots.isEmpty() && holds.isEmpty() && keys.isEmpty();
    }

    /**
     * Writes the rows in one statement; with {@code commit}, the transaction's {@code COMMIT} goes in
     * the same round trip (PostgreSQL runs it only if the write succeeded; the driver then sees the
     * transaction ended, and the caller's {@code Connection.commit()} sends nothing). With nothing
     * to write, it sends nothing, and that commit is the caller's.
     */
    void write(Connection c, boolean commit) throws SQLException {
      for (Hold h : holds.values()) {
        upsertHold(c, h);
      }
      if (isEmpty()) {
        return;
      }
      try (PreparedStatement ps = c.prepareStatement(commit ? APPLY_AND_COMMIT_SQL : APPLY_SQL)) {
        Columns col = new Columns(c, ps);
        List<Object> ids = new ArrayList<>();
        List<Object> posted = new ArrayList<>();
        List<Object> pendingDebits = new ArrayList<>();
        List<Object> pendingCredits = new ArrayList<>();
        List<Object> debts = new ArrayList<>();
        for (AccountState s : accounts.values()) {
          ids.add(s.id().value());
          posted.add(s.posted());
          pendingDebits.add(s.pendingDebits());
          pendingCredits.add(s.pendingCredits());
          debts.add(s.debt());
        }
        col.add("varchar", ids);
        col.add("bigint", posted);
        col.add("bigint", pendingDebits);
        col.add("bigint", pendingCredits);
        col.add("bigint", debts);
        List<Object> tId = new ArrayList<>();
        List<Object> tType = new ArrayList<>();
        List<Object> tKey = new ArrayList<>();
        List<Object> tReason = new ArrayList<>();
        List<Object> tEffective = new ArrayList<>();
        List<Object> tRecorded = new ArrayList<>();
        List<Object> tHold = new ArrayList<>();
        List<Object> tReverses = new ArrayList<>();
        List<Object> tDetail = new ArrayList<>();
        List<Object> eAccount = new ArrayList<>();
        List<Object> eTx = new ArrayList<>();
        List<Object> eAmount = new ArrayList<>();
        CanonicalEncoder encoder = CanonicalEncoder.forThisThread();
        Set<Long> written = new HashSet<>();
        for (Transaction tx : transactions) {
          written.add(tx.id().value());
          tId.add(tx.id().value());
          tType.add(tx.type().name());
          tKey.add(tx.key().value());
          tReason.add(tx.reason());
          tEffective.add(Nanos.of(tx.effectiveAt()));
          tRecorded.add(Nanos.of(tx.recordedAt()));
          tHold.add(tx.hold().map(h -> h.transaction().value()).orElse(null));
          tReverses.add(tx.reverses().map(TransactionId::value).orElse(null));
          tDetail.add(hex(encoder.encode(tx)));
          for (Map.Entry<String, Long> e : netAmounts(tx).entrySet()) {
            eAccount.add(e.getKey());
            eTx.add(tx.id().value());
            eAmount.add(e.getValue());
          }
        }
        col.add("bigint", tId);
        col.add("varchar", tType);
        col.add("varchar", tKey);
        col.add("varchar", tReason);
        col.add("bigint", tEffective);
        col.add("bigint", tRecorded);
        col.add("bigint", tHold);
        col.add("bigint", tReverses);
        col.add("text", tDetail);
        col.add("varchar", eAccount);
        col.add("bigint", eTx);
        col.add("bigint", eAmount);
        List<Object> lAccount = new ArrayList<>();
        List<Object> lTx = new ArrayList<>();
        List<Object> lIndex = new ArrayList<>();
        List<Object> lOriginal = new ArrayList<>();
        List<Object> lRemaining = new ArrayList<>();
        List<Object> lHeld = new ArrayList<>();
        List<Object> lExpires = new ArrayList<>();
        List<Object> lCreated = new ArrayList<>();
        List<Object> lFresh = new ArrayList<>();
        for (Lot lot : lots.values()) {
          // created by a transaction written here: inserted; any other lot was read under its
          // account's lock, so its row exists and a plain UPDATE changes it (ON CONFLICT, used
          // before, wrote ~57 more bytes of WAL per transfer for the same work)
          lFresh.add(written.contains(lot.id().transaction().value()));
          lAccount.add(lot.account().value());
          lTx.add(lot.id().transaction().value());
          lIndex.add(lot.id().index());
          lOriginal.add(lot.original());
          lRemaining.add(lot.remaining());
          lHeld.add(lot.held());
          lExpires.add(lot.expiresAt().map(Nanos::of).orElse(null));
          lCreated.add(Nanos.of(lot.createdAt()));
        }
        col.add("varchar", lAccount);
        col.add("bigint", lTx);
        col.add("int4", lIndex);
        col.add("bigint", lOriginal);
        col.add("bigint", lRemaining);
        col.add("bigint", lHeld);
        col.add("bigint", lExpires);
        col.add("bigint", lCreated);
        col.add("boolean", lFresh);
        List<Object> iKey = new ArrayList<>();
        List<Object> iFingerprint = new ArrayList<>();
        List<Object> iTx = new ArrayList<>();
        List<Object> iCode = new ArrayList<>();
        List<Object> iMessage = new ArrayList<>();
        for (IdempotencyRecord r : keys) {
          iKey.add(r.key().value());
          iFingerprint.add(r.fingerprint().toHex());
          iTx.add(r.transaction().map(TransactionId::value).orElse(null));
          iCode.add(r.rejection().map(x -> x.code().name()).orElse(null));
          iMessage.add(r.rejection().map(Rejection::message).orElse(null));
        }
        col.add("varchar", iKey);
        col.add("text", iFingerprint);
        col.add("bigint", iTx);
        col.add("varchar", iCode);
        col.add("text", iMessage);
        ps.execute();
      }
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Bytes as hex text, for PostgreSQL's {@code decode(x, 'hex')}: a bytea array needs no driver support then. */
  private static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[bytes[i] & 0xF];
    }
    return new String(out);
  }

  /** Per account the transaction touched (posted or pending), the net amount it posted there. */
  private static Map<String, Long> netAmounts(Transaction tx) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Posting p : tx.postings()) {
      out.merge(p.account().value(), p.amount(), Math::addExact);
    }
    for (Posting p : tx.pending()) {
      out.putIfAbsent(p.account().value(), 0L);
    }
    return out;
  }

  private static void insertAccounts(Connection c, List<Account> accounts) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_account "
        + "(id, type, opened_at_ns, posted, pending_debits, pending_credits, debt) VALUES (?, ?, ?, 0, 0, 0, 0)")) {
      for (Account a : accounts) {
        ps.setString(1, a.id().value());
        ps.setString(2, a.type().name());
        ps.setLong(3, Nanos.of(a.openedAt()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void upsertHold(Connection c, Hold h) throws SQLException {
    boolean isNew;
    try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_hold SET status = ?, posted_amount = ?, resolved_by = ? "
        + "WHERE id = ?")) {
      ps.setString(1, h.status().name());
      ps.setLong(2, h.postedAmount());
      Nanos.setLong(ps, 3, h.resolvedBy().map(TransactionId::value));
      ps.setLong(4, h.id().transaction().value());
      isNew = ps.executeUpdate() == 0;
    }
    if (!isNew) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_hold (id, from_account, to_account, amount, "
        + "to_expiry, to_expiry_at_ns, timeout_at_ns, status, posted_amount, resolved_by, created_at_ns) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, h.id().transaction().value());
      ps.setString(2, h.from().value());
      ps.setString(3, h.to().value());
      ps.setLong(4, h.amount());
      ps.setString(5, h.toExpiry() instanceof Expiry.At ? "AT" : h.toExpiry() == Expiry.carried() ? "CARRIED" : "NEVER");
      Nanos.set(ps, 6, h.toExpiry() instanceof Expiry.At at ? Optional.of(at.instant()) : Optional.empty());
      Nanos.set(ps, 7, h.timeoutAt());
      ps.setString(8, h.status().name());
      ps.setLong(9, h.postedAmount());
      Nanos.setLong(ps, 10, h.resolvedBy().map(TransactionId::value));
      ps.setLong(11, Nanos.of(h.createdAt()));
      ps.executeUpdate();
    }
    if (!h.reservations().isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO ledger_hold_reservation (hold_id, seq, lot_tx, lot_index, amount) VALUES (?, ?, ?, ?, ?)")) {
        for (int i = 0; i < h.reservations().size(); i++) {
          LotReservation r = h.reservations().get(i);
          ps.setLong(1, h.id().transaction().value());
          ps.setInt(2, i);
          ps.setLong(3, r.lot().transaction().value());
          ps.setInt(4, r.lot().index());
          ps.setLong(5, r.amount());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  static AccountState accountState(ResultSet rs) throws SQLException {
    Account account = new Account(AccountId.of(rs.getString("id")), AccountType.valueOf(rs.getString("type")),
        Nanos.instant(rs.getLong("opened_at_ns")));
    return new AccountState(account, rs.getLong("posted"), rs.getLong("pending_debits"), rs.getLong("pending_credits"),
        rs.getLong("debt"));
  }

  static Lot lotFrom(ResultSet rs) throws SQLException {
    return new Lot(new LotId(TransactionId.of(rs.getLong("lot_tx")), rs.getInt("lot_index")),
        AccountId.of(rs.getString("account_id")), rs.getLong("original"), rs.getLong("remaining"), rs.getLong("held"),
        Nanos.get(rs, "expires_at_ns"), Nanos.instant(rs.getLong("created_at_ns")));
  }

  private static List<Lot> lots(Connection c, AccountId wallet, boolean includeSpent) throws SQLException {
    String sql = "SELECT * FROM ledger_lot WHERE account_id = ?" + (includeSpent ? "" : " AND open")
        + " ORDER BY COALESCE(expires_at_ns, 9223372036854775807), lot_tx, lot_index";
    List<Lot> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, wallet.value());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(lotFrom(rs));
        }
      }
    }
    return out;
  }

  /** Lots a command reads first from a wallet it debits: most debits need one or two. */
  static final int FIRST_LOTS = 4;
  /** Lots read per page after the first. */
  static final int LOT_PAGE = 16;

  /** {@link Lot#SPEND_ORDER} in SQL; the order of the index {@code ledger_lot_spend}. */
  private static final String SPEND_ORDER = "COALESCE(expires_at_ns, 9223372036854775807), lot_tx, lot_index";

  /** The first {@value #FIRST_LOTS} open lots of each wallet among the given accounts, in spend order. */
  static final String FIRST_LOTS_OF_SQL = "SELECT l.* FROM ledger_account a CROSS JOIN LATERAL (SELECT * FROM ledger_lot "
      + "WHERE account_id = a.id AND open ORDER BY " + SPEND_ORDER + " LIMIT " + FIRST_LOTS
      + ") AS l WHERE a.id = ANY (?) AND a.type = 'WALLET'";

  /** {@link #LOCK_SQL}, then {@link #FIRST_LOTS_OF_SQL} for the wallets the command spends from, in one round trip. */
  private static final String LOCK_AND_FIRST_LOTS_SQL = LOCK_SQL + "; " + FIRST_LOTS_OF_SQL;

  /** The key's lookup (with the planner settings), then the locks, and the first lots: one round trip. */
  private static final String KEY_AND_LOCK_SQL = KEY_SQL + "; " + LOCK_SQL;
  private static final String KEY_LOCK_AND_FIRST_LOTS_SQL = KEY_SQL + "; " + LOCK_AND_FIRST_LOTS_SQL;

  private static final String FIRST_OPEN_LOTS_SQL = "SELECT * FROM ledger_lot WHERE account_id = ? AND open ORDER BY "
      + SPEND_ORDER + " LIMIT ?";
  private static final String OPEN_LOTS_AFTER_SQL = "SELECT * FROM ledger_lot WHERE account_id = ? AND open AND ("
      + SPEND_ORDER + ") > (?, ?, ?) ORDER BY " + SPEND_ORDER + " LIMIT ?";

  /** Up to {@code limit} of a wallet's open lots in spend order, after {@code after} (null: from the start). */
  static List<Lot> openLotsAfter(Connection c, AccountId wallet, Lot after, int limit) throws SQLException {
    List<Lot> out = new ArrayList<>(limit);
    try (PreparedStatement ps = c.prepareStatement(after == null ? FIRST_OPEN_LOTS_SQL : OPEN_LOTS_AFTER_SQL)) {
      int i = 0;
      ps.setString(++i, wallet.value());
      if (after != null) {
        ps.setLong(++i, after.expiresAt().map(Nanos::of).orElse(Long.MAX_VALUE));
        ps.setLong(++i, after.id().transaction().value());
        ps.setInt(++i, after.id().index());
      }
      ps.setInt(++i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(lotFrom(rs));
        }
      }
    }
    return out;
  }

  static Optional<Lot> lot(Connection c, AccountId wallet, LotId id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM ledger_lot WHERE account_id = ? AND lot_tx = ? AND lot_index = ?")) {
      ps.setString(1, wallet.value());
      ps.setLong(2, id.transaction().value());
      ps.setInt(3, id.index());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(lotFrom(rs)) : Optional.empty();
      }
    }
  }

  /** The reversals of {@code original}, oldest first. */
  static List<Transaction> reversalsOf(Connection c, TransactionId original) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM ledger_transaction WHERE reverses = ? ORDER BY id")) {
      ps.setLong(1, original.value());
      return List.copyOf(transactions(c, longs(ps)).values());
    }
  }

  static Optional<Hold> hold(Connection c, HoldId id) throws SQLException {
    List<Hold> holds = holds(c, "WHERE id = ?", ps -> ps.setLong(1, id.transaction().value()));
    return holds.isEmpty() ? Optional.empty() : Optional.of(holds.get(0));
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private static List<Hold> holds(Connection c, String where, Binder binder) throws SQLException {
    Map<Long, List<LotReservation>> reservations = new HashMap<>();
    List<Hold> out = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM ledger_hold " + where + " ORDER BY id")) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String kind = rs.getString("to_expiry");
          Expiry toExpiry = switch (kind) {
            case "AT" -> Expiry.at(Nanos.instant(rs.getLong("to_expiry_at_ns")));
            case "CARRIED" -> Expiry.carried();
            default -> Expiry.never();
          };
          rows.add(new Object[] {rs.getLong("id"), rs.getString("from_account"), rs.getString("to_account"),
              rs.getLong("amount"), toExpiry, Nanos.get(rs, "timeout_at_ns"), HoldStatus.valueOf(rs.getString("status")),
              rs.getLong("posted_amount"), Nanos.getLong(rs, "resolved_by"), Nanos.instant(rs.getLong("created_at_ns"))});
        }
      }
    }
    if (rows.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM ledger_hold_reservation WHERE hold_id = ANY (?) ORDER BY hold_id, seq")) {
      ps.setArray(1, c.createArrayOf("bigint", rows.stream().map(r -> r[0]).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reservations.computeIfAbsent(rs.getLong("hold_id"), k -> new ArrayList<>()).add(new LotReservation(
              new LotId(TransactionId.of(rs.getLong("lot_tx")), rs.getInt("lot_index")), rs.getLong("amount")));
        }
      }
    }
    for (Object[] r : rows) {
      long id = (Long) r[0];
      @SuppressWarnings("unchecked")
      Optional<Instant> timeout = (Optional<Instant>) r[5];
      @SuppressWarnings("unchecked")
      Optional<Long> resolvedBy = (Optional<Long>) r[8];
      out.add(new Hold(HoldId.of(id), AccountId.of((String) r[1]), AccountId.of((String) r[2]), (Long) r[3],
          (Expiry) r[4], timeout, reservations.getOrDefault(id, List.of()), (HoldStatus) r[6], (Long) r[7],
          resolvedBy.map(TransactionId::of), (Instant) r[9]));
    }
    return out;
  }

  /**
   * Loads whole transactions by id, in id order: one query, plus three for transactions written
   * under schema version 1 (their detail is in normalized rows, not in {@code detail}).
   */
  static Map<Long, Transaction> transactions(Connection c, List<Long> ids) throws SQLException {
    Map<Long, Transaction> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<Long> older = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, detail FROM ledger_transaction WHERE id = ANY (?) ORDER BY id")) {
      ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          byte[] detail = rs.getBytes(2);
          if (detail == null) {
            older.add(id);
            out.put(id, null); // keeps the id order; filled below
          } else {
            out.put(id, CanonicalDecoder.transaction(detail));
          }
        }
      }
    }
    if (!older.isEmpty()) {
      out.putAll(versionOneTransactions(c, older));
    }
    return out;
  }

  /** Transactions written under schema version 1, from their normalized detail rows. */
  private static Map<Long, Transaction> versionOneTransactions(Connection c, List<Long> ids) throws SQLException {
    Map<Long, Transaction> out = new LinkedHashMap<>();
    Array idArray = c.createArrayOf("bigint", ids.toArray());
    Map<Long, List<Posting>> postings = new HashMap<>();
    Map<Long, List<Posting>> pending = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM ledger_posting WHERE transaction_id = ANY (?) ORDER BY transaction_id, pending, seq")) {
      ps.setArray(1, idArray);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          (rs.getBoolean("pending") ? pending : postings).computeIfAbsent(rs.getLong("transaction_id"),
              k -> new ArrayList<>()).add(new Posting(AccountId.of(rs.getString("account_id")), rs.getLong("amount")));
        }
      }
    }
    Map<Long, List<LotMovement>> moves = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM ledger_lot_movement WHERE transaction_id = ANY (?) ORDER BY transaction_id, seq")) {
      ps.setArray(1, idArray);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          moves.computeIfAbsent(rs.getLong("transaction_id"), k -> new ArrayList<>()).add(new LotMovement(
              AccountId.of(rs.getString("account_id")),
              new LotId(TransactionId.of(rs.getLong("lot_tx")), rs.getInt("lot_index")), rs.getLong("amount"),
              Nanos.get(rs, "expires_at_ns")));
        }
      }
    }
    Map<Long, Map<String, String>> metadata = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM ledger_transaction_metadata WHERE transaction_id = ANY (?)")) {
      ps.setArray(1, idArray);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          metadata.computeIfAbsent(rs.getLong("transaction_id"), k -> new HashMap<>())
              .put(rs.getString("key"), rs.getString("value"));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM ledger_transaction WHERE id = ANY (?) ORDER BY id")) {
      ps.setArray(1, idArray);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong("id");
          out.put(id, new Transaction(TransactionId.of(id), TransactionType.valueOf(rs.getString("type")),
              IdempotencyKey.of(rs.getString("idempotency_key")), rs.getString("reason"),
              metadata.getOrDefault(id, Map.of()), Nanos.instant(rs.getLong("effective_at_ns")),
              Nanos.instant(rs.getLong("recorded_at_ns")), postings.getOrDefault(id, List.of()),
              pending.getOrDefault(id, List.of()), moves.getOrDefault(id, List.of()),
              Nanos.getLong(rs, "hold_id").map(HoldId::of), Nanos.getLong(rs, "reverses").map(TransactionId::of)));
        }
      }
    }
    return out;
  }

  private static List<Long> longs(PreparedStatement ps) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  @Override
  public Optional<AccountState> accountState(AccountId id) {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM ledger_account WHERE id = ?")) {
        ps.setString(1, id.value());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(accountState(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<AccountState> accountStates() {
    return read(c -> {
      List<AccountState> out = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM ledger_account ORDER BY id")) {
        while (rs.next()) {
          out.add(accountState(rs));
        }
      }
      return out;
    });
  }

  @Override
  public List<Lot> lots(AccountId wallet, boolean includeSpent) {
    return read(c -> lots(c, wallet, includeSpent));
  }

  @Override
  public Optional<Hold> hold(HoldId id) {
    return read(c -> hold(c, id));
  }

  @Override
  public List<Hold> openHolds(AccountId account) {
    return read(c -> holds(c, "WHERE status = 'OPEN' AND (from_account = ? OR to_account = ?)", ps -> {
      ps.setString(1, account.value());
      ps.setString(2, account.value());
    }));
  }

  @Override
  public List<HoldId> holdsTimedOutBy(Instant asOf) {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM ledger_hold WHERE status = 'OPEN' AND timeout_at_ns <= ? ORDER BY id")) {
        ps.setLong(1, Nanos.of(asOf));
        return longs(ps).stream().map(HoldId::of).toList();
      }
    });
  }

  @Override
  public Optional<Transaction> transaction(TransactionId id) {
    return read(c -> Optional.ofNullable(transactions(c, List.of(id.value())).get(id.value())));
  }

  @Override
  public List<Transaction> reversalsOf(TransactionId original) {
    return read(c -> reversalsOf(c, original));
  }

  @Override
  public List<Transaction> history(AccountId account, Optional<TransactionId> after, int limit) {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT transaction_id FROM ledger_account_entry "
          + "WHERE account_id = ? AND transaction_id > ? ORDER BY transaction_id LIMIT ?")) {
        ps.setString(1, account.value());
        ps.setLong(2, after.map(TransactionId::value).orElse(0L));
        ps.setInt(3, limit);
        return List.copyOf(transactions(c, longs(ps)).values());
      }
    });
  }

  @Override
  public List<Transaction> journal(Optional<TransactionId> after, int limit) {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM ledger_transaction WHERE id > ? ORDER BY id LIMIT ?")) {
        ps.setLong(1, after.map(TransactionId::value).orElse(0L));
        ps.setInt(2, limit);
        return List.copyOf(transactions(c, longs(ps)).values());
      }
    });
  }

  @Override
  public List<Transaction> unsealed(int limit) {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT transaction_id FROM ledger_unsealed ORDER BY transaction_id LIMIT ?")) {
        ps.setInt(1, limit);
        return List.copyOf(transactions(c, longs(ps)).values());
      }
    });
  }

  @Override
  public Optional<Seal> lastSeal() {
    return read(c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM ledger_seal ORDER BY position DESC LIMIT 1")) {
        return rs.next() ? Optional.of(seal(rs)) : Optional.empty();
      }
    });
  }

  private static Seal seal(ResultSet rs) throws SQLException {
    return new Seal(rs.getLong("position"), TransactionId.of(rs.getLong("transaction_id")),
        Digest.of(rs.getBytes("hash")));
  }

  @Override
  public void appendSeals(List<Seal> seals) {
    if (seals.isEmpty()) {
      return;
    }
    boolean appended = inTransaction(c -> {
      try (Statement s = c.createStatement()) {
        // one sealer at a time across all instances; writers never take this lock
        s.execute("SELECT pg_advisory_xact_lock(" + SEAL_LOCK + ")");
        long last;
        try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(position), 0) FROM ledger_seal")) {
          rs.next();
          last = rs.getLong(1);
        }
        if (seals.get(0).position() != last + 1) {
          return false;
        }
      }
      // Take them off the unsealed queue first: one another sealer linked meanwhile is gone from
      // it, and then this batch is stale (inserting its seals would break the chain's uniqueness).
      // One statement each for the queue and the links, whatever the batch's size.
      Array positions = c.createArrayOf("bigint", seals.stream().map(Seal::position).toArray());
      Array ids = c.createArrayOf("bigint", seals.stream().map(x -> x.transaction().value()).toArray());
      try (PreparedStatement dequeue = c.prepareStatement(
          "DELETE FROM ledger_unsealed WHERE transaction_id = ANY (?::bigint[])")) {
        dequeue.setArray(1, ids);
        if (dequeue.executeUpdate() != seals.size()) {
          c.rollback();
          return false;
        }
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO ledger_seal (position, transaction_id, hash) "
          + "SELECT p, t, decode(h, 'hex') FROM unnest(?::bigint[], ?::bigint[], ?::text[]) AS s(p, t, h)")) {
        insert.setArray(1, positions);
        insert.setArray(2, ids);
        insert.setArray(3, c.createArrayOf("text", seals.stream().map(x -> x.hash().toHex()).toArray()));
        insert.executeUpdate();
      }
      return true;
    });
    if (!appended) {
      throw new ConcurrentSealException("another sealer extended the chain first");
    }
  }

  @Override
  public List<Seal> seals(long afterPosition, int limit) {
    return read(c -> {
      List<Seal> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM ledger_seal WHERE position > ? ORDER BY position LIMIT ?")) {
        ps.setLong(1, afterPosition);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(seal(rs));
          }
        }
      }
      return out;
    });
  }

  /**
   * Rewrites a stored transaction behind the ledger's back. Exists only so that the contract
   * tests can prove that {@link dev.loyalty.ledger.Ledger#verify()} detects tampering.
   */
  void tamperWithTransaction(TransactionId id, UnaryOperator<Transaction> change) {
    inTransaction(c -> {
      Transaction altered = change.apply(transactions(c, List.of(id.value())).get(id.value()));
      try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_transaction SET reason = ?, effective_at_ns = ?, "
          + "recorded_at_ns = ?, detail = ? WHERE id = ?")) {
        ps.setString(1, altered.reason());
        ps.setLong(2, Nanos.of(altered.effectiveAt()));
        ps.setLong(3, Nanos.of(altered.recordedAt()));
        ps.setBytes(4, CanonicalEncoder.forThisThread().encode(altered));
        ps.setLong(5, id.value());
        ps.executeUpdate();
      }
      return null;
    });
  }
}
