package dev.loyalty.ledger.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.internal.CanonicalEncoder;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.ConcurrentSealException;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.LedgerStoreException;
import dev.loyalty.ledger.spi.Seal;
import dev.loyalty.ledger.spi.StoreTransaction;
import dev.loyalty.ledger.spi.StoredTransaction;
import dev.loyalty.ledger.spi.UnsealedTransaction;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LedgerStore} in PostgreSQL, over a {@link DataSource} the host supplies (its pool, its
 * driver). One database transaction per ledger command; the wallets and budgets a command touches
 * are locked with {@code SELECT ... FOR UPDATE} in one order ({@link LedgerSql#LOCK_ORDER}), so
 * commands never deadlock each other, and its changes to system accounts are added as it commits
 * to one of their stripe rows that no other transaction holds ({@link AddedChanges}; every read of
 * an account sees its row plus its stripes); inside a {@link JdbcUnitOfWork} budgets' changes are
 * added too (to their rows), at the unit's end, where the budgets are checked again; a
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
  /** Most units one batch commits together; bounds how long its row locks are held. */
  private static final int BATCH_CHUNK = 500;
  /** pg_advisory_xact_lock key that serializes sealers across instances. */
  private static final long SEAL_LOCK = 0x4C45444745525345L;

  private final DataSource dataSource;
  private final RetryingTransactions db;
  private final boolean grouping;
  /** Chunks of {@link #writeEach} committed in one transaction; for tests, which check the batch path is taken. */
  private final AtomicLong chunksTogether = new AtomicLong();

  private JdbcLedgerStore(DataSource dataSource, boolean grouping) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.db = new RetryingTransactions(dataSource);
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
    db.schemaIsCurrent();
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
   * the {@code COMMIT} (one round trip for both; see {@link CommandUnit#apply}).
   */
  @Override
  public <T> T write(Function<StoreTransaction, T> work) {
    Optional<Connection> joined = JdbcUnitOfWork.current(dataSource);
    if (joined.isPresent()) {
      // the caller's transaction commits it, with whatever else it holds
      return db.inCallersCommand(joined.get(), c -> {
        CommandUnit unit = new CommandUnit(c, db.deferredDeltas());
        T result = work.apply(unit);
        unit.flush();
        return result;
      });
    }
    return db.inTransaction(c -> {
      CommandUnit unit = new CommandUnit(c);
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
        together = db.once(c -> new BatchUnit(c).run(chunk));
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

  // ---------------------------------------------------------------------------------------------
  // Reads

  /** The account's row, with its stripes if it is a system account ({@code ledger_account_total}). */
  @Override
  public Optional<AccountState> accountState(AccountId id) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM ledger_account_total WHERE id = ?")) {
        ps.setString(1, id.value());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(RowReader.accountState(rs)) : Optional.empty();
        }
      }
    });
  }

  /** Every account's row, with their stripes for system accounts, in one snapshot. */
  @Override
  public List<AccountState> accountStates() {
    return db.inTransaction(c -> {
      List<AccountState> out = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM ledger_account_total ORDER BY id")) {
        while (rs.next()) {
          out.add(RowReader.accountState(rs));
        }
      }
      return out;
    });
  }

  @Override
  public List<Lot> lots(AccountId wallet, boolean includeSpent) {
    return db.inTransaction(c -> RowReader.lots(c, wallet, includeSpent));
  }

  @Override
  public Optional<Hold> hold(HoldId id) {
    return db.inTransaction(c -> RowReader.hold(c, id));
  }

  @Override
  public List<Hold> openHolds(AccountId account) {
    return db.inTransaction(c -> RowReader.holds(c, "WHERE status = 'OPEN' AND (from_account = ? OR to_account = ?)", ps -> {
      ps.setString(1, account.value());
      ps.setString(2, account.value());
    }));
  }

  @Override
  public List<HoldId> holdsTimedOutBy(Instant asOf) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM ledger_hold WHERE status = 'OPEN' AND timeout_at_ns <= ? ORDER BY id")) {
        ps.setBigDecimal(1, Nanos.of(asOf));
        return RowReader.longs(ps).stream().map(HoldId::of).toList();
      }
    });
  }

  @Override
  public Optional<Transaction> transaction(TransactionId id) {
    return db.inTransaction(c -> Optional.ofNullable(RowReader.transactions(c, List.of(id.value())).get(id.value())));
  }

  @Override
  public List<Transaction> reversalsOf(TransactionId original) {
    return db.inTransaction(c -> RowReader.reversalsOf(c, original));
  }

  /** One statement over the index of the account's entries by effective time (see {@code CommandUnit}). */
  @Override
  public long mostPostedAfter(AccountId account, Instant from) {
    return db.inTransaction(c -> RowReader.mostPostedAfter(c, account, from, List.of()));
  }

  @Override
  public List<Transaction> history(AccountId account, Optional<TransactionId> after, int limit) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT transaction_id, amount, effective_at_ns "
          + "FROM ledger_account_entry WHERE account_id = ? AND transaction_id > ? ORDER BY transaction_id LIMIT ?")) {
        ps.setString(1, account.value());
        ps.setLong(2, after.map(TransactionId::value).orElse(0L));
        ps.setInt(3, limit);
        return RowReader.history(c, account, ps);
      }
    });
  }

  @Override
  public List<Transaction> journal(Optional<TransactionId> after, int limit) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id FROM ledger_transaction WHERE id > ? ORDER BY id LIMIT ?")) {
        ps.setLong(1, after.map(TransactionId::value).orElse(0L));
        ps.setInt(2, limit);
        return List.copyOf(RowReader.transactions(c, RowReader.longs(ps)).values());
      }
    });
  }

  @Override
  public List<UnsealedTransaction> unsealed(int limit) {
    return db.inTransaction(c -> {
      List<UnsealedTransaction> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT transaction_id, content_hash FROM ledger_unsealed ORDER BY transaction_id LIMIT ?")) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new UnsealedTransaction(TransactionId.of(rs.getLong(1)), Digest.of(rs.getBytes(2))));
          }
        }
      }
      return out;
    });
  }

  @Override
  public Map<TransactionId, StoredTransaction> stored(List<TransactionId> ids) {
    return db.inTransaction(c -> RowReader.stored(c, "WHERE id = ANY (?) ORDER BY id",
        ps -> ps.setArray(1, c.createArrayOf("bigint", ids.stream().map(TransactionId::value).toArray()))));
  }

  @Override
  public List<StoredTransaction> storedJournal(Optional<TransactionId> after, int limit) {
    return db.inTransaction(c -> List.copyOf(RowReader.stored(c, "WHERE id > ? ORDER BY id LIMIT ?", ps -> {
      ps.setLong(1, after.map(TransactionId::value).orElse(0L));
      ps.setInt(2, limit);
    }).values()));
  }

  @Override
  public long journalSize() {
    return db.inTransaction(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM ledger_transaction")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public Map<IdempotencyKey, IdempotencyRecord> outcomes(Collection<IdempotencyKey> keys) {
    return db.inTransaction(c -> {
      Map<IdempotencyKey, IdempotencyRecord> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT key, fingerprint, transaction_id, rejection_code, "
          + "rejection_message FROM ledger_idempotency WHERE key = ANY (?)")) {
        ps.setArray(1, c.createArrayOf("varchar", keys.stream().map(IdempotencyKey::value).toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            IdempotencyKey key = IdempotencyKey.of(rs.getString("key"));
            RowReader.idempotencyRecord(rs, key).ifPresent(r -> out.put(key, r));
          }
        }
      }
      return out;
    });
  }

  @Override
  public Optional<Seal> lastSeal() {
    return db.inTransaction(c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM ledger_seal ORDER BY position DESC LIMIT 1")) {
        return rs.next() ? Optional.of(RowReader.seal(rs)) : Optional.empty();
      }
    });
  }

  @Override
  public void appendSeals(List<Seal> seals) {
    if (seals.isEmpty()) {
      return;
    }
    boolean appended = db.inTransaction(c -> {
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
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO ledger_seal (position, transaction_id, "
          + "content_hash, hash) SELECT p, t, decode(ch, 'hex'), decode(h, 'hex') "
          + "FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) AS s(p, t, ch, h)")) {
        insert.setArray(1, positions);
        insert.setArray(2, ids);
        insert.setArray(3, c.createArrayOf("text", seals.stream()
            .map(x -> x.contentHash().map(Digest::toHex).orElse(null)).toArray()));
        insert.setArray(4, c.createArrayOf("text", seals.stream().map(x -> x.hash().toHex()).toArray()));
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
    return db.inTransaction(c -> {
      List<Seal> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM ledger_seal WHERE position > ? ORDER BY position LIMIT ?")) {
        ps.setLong(1, afterPosition);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(RowReader.seal(rs));
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
    db.inTransaction(c -> {
      Transaction altered = change.apply(RowReader.transactions(c, List.of(id.value())).get(id.value()));
      try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_transaction SET reason = ?, effective_at_ns = ?, "
          + "recorded_at_ns = ?, detail = ? WHERE id = ?")) {
        ps.setString(1, altered.reason());
        ps.setBigDecimal(2, Nanos.of(altered.effectiveAt()));
        ps.setBigDecimal(3, Nanos.of(altered.recordedAt()));
        ps.setBytes(4, CanonicalEncoder.forThisThread().encode(altered));
        ps.setLong(5, id.value());
        ps.executeUpdate();
      }
      return null;
    });
  }
}
