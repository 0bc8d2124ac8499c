package dev.loyalty.ledger.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.spi.LedgerStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database transaction that JDBC stores over the same {@link DataSource} join when they are
 * called, on the thread that opened it, while it is open: a {@link JdbcLedgerStore}'s commands and
 * reads run in it and commit with it, so that a host (or a library above the ledger) can make
 * ledger commands and its own writes land together or not at all.
 *
 * <pre>{@code
 * JdbcUnitOfWork.inTransaction(dataSource, () -> {
 *   ledger.transfer(request);                                   // joins: not committed yet
 *   JdbcUnitOfWork.current(dataSource).orElseThrow()            // the host's own rows, same transaction
 *       .prepareStatement("INSERT INTO invoice_points ...").executeUpdate();
 *   return null;
 * });                                                           // both commit here, or neither
 * }</pre>
 *
 * <p>Inside a unit a ledger neither groups its commands with other threads' (they would commit in
 * another transaction) nor seals the hash chain until the unit has committed; a command's database
 * failure is not retried inside the unit (the whole transaction is lost with it) but thrown, and the
 * unit rolls back: the caller runs the whole unit again if {@link #isTransient} says it may succeed.
 * Row locks taken inside a unit are held until it ends, so keep units short.
 *
 * <p>A write whose outcome the work does not need before the unit ends can be {@linkplain
 * #deferToCommit deferred to the commit}: it is sent in the commit's round trip (before the
 * ledger's additions to shared rows, which stay last), and commits with the unit or not at all.
 *
 * <p>Units are per thread and per data source (compared by identity); a unit opened inside an open
 * one on the same data source joins it. Thread-safe: every method works on the calling thread's
 * units only.
 */
public final class JdbcUnitOfWork {

  private static final Logger log = LoggerFactory.getLogger(JdbcUnitOfWork.class);
  private static final ThreadLocal<Map<DataSource, Open>> OPEN = ThreadLocal.withInitial(IdentityHashMap::new);

  /** A unit open on this thread. */
  private static final class Open {
    final Connection connection;
    final List<Runnable> beforeCommit = new ArrayList<>();
    final List<DeferredWrite> deferred = new ArrayList<>();
    /** The statement to send before any other of the unit, not sent yet; null if none. */
    DeferredWrite prelude;
    Commit commit;
    final List<Runnable> afterCommit = new ArrayList<>();
    final Map<Object, Object> values = new HashMap<>();
    Throwable failure;

    Open(Connection connection) {
      this.connection = connection;
    }
  }

  private JdbcUnitOfWork() {}

  /**
   * Runs {@code work} in one database transaction on a connection of {@code dataSource}: every JDBC
   * store over {@code dataSource} that this thread calls meanwhile works in it. When {@code work}
   * returns normally, runs what was registered with {@link #beforeCommit}, commits (with the
   * {@linkplain #deferToCommit deferred writes} and the {@link #commitWith} write, if any, in one
   * round trip), then runs what
   * was registered with {@link #afterCommit}; rolls
   * back when it throws (and rethrows it) or when a store failed inside it. If this thread has a
   * unit open on {@code dataSource} already, {@code work} simply joins it.
   *
   * @throws LedgerStoreException if no connection could be had, or the commit failed (then the
   *                              outcome is unknown only when the connection broke during the
   *                              commit; {@link LedgerStoreException#isTransient()} says whether to
   *                              run the unit again)
   */
  public static <T> T inTransaction(DataSource dataSource, Supplier<T> work) {
    requireNonNull(dataSource, "dataSource");
    requireNonNull(work, "work");
    Map<DataSource, Open> open = OPEN.get();
    if (open.containsKey(dataSource)) {
      return work.get();
    }
    Open unit;
    try {
      Connection c = dataSource.getConnection();
      try {
        c.setAutoCommit(false);
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
      unit = new Open(c);
    } catch (SQLException e) {
      throw failure("could not open a unit of work", e);
    }
    open.put(dataSource, unit);
    T result;
    try {
      result = work.get();
      // an action may register another (a store flushing what another deferred): run them all
      for (int i = 0; i < unit.beforeCommit.size() && unit.failure == null; i++) {
        unit.beforeCommit.get(i).run();
      }
      if (unit.failure != null) {
        throw new LedgerStoreException("a store failed inside the unit of work, which was rolled back: "
            + unit.failure.getMessage(), unit.failure, isTransient(unit.failure));
      }
      try {
        takePreludeInto(unit);
        DeferredWrites writes = new DeferredWrites(unit.deferred);
        if (unit.commit != null) {
          unit.commit.writeAndCommit(unit.connection, writes);
        } else if (!writes.isEmpty()) {
          writes.send(unit.connection, "COMMIT");
        } else {
          unit.connection.commit();
        }
      } catch (SQLException e) {
        throw unit.deferred.stream().map(w -> w.failure(e, isTransient(e))).flatMap(Optional::stream).findFirst()
            .orElseGet(() -> failure("committing the unit of work failed", e));
      }
    } catch (RuntimeException | Error e) {
      rollbackQuietly(unit.connection);
      throw e;
    } finally {
      open.remove(dataSource);
      closeQuietly(unit.connection);
    }
    // the connection is back in the pool: an action may take one without the thread holding two
    for (Runnable action : unit.afterCommit) {
      try {
        action.run();
      } catch (RuntimeException e) {
        log.warn("an action after a unit of work's commit failed; the commit stands", e);
      }
    }
    return result;
  }

  /**
   * The connection of the unit this thread has open on {@code dataSource}, if any; its {@linkplain
   * #prelude prelude}, if still pending, is sent first (a failure marks the unit failed and is
   * thrown as a {@link LedgerStoreException}).
   */
  public static Optional<Connection> current(DataSource dataSource) {
    Open unit = OPEN.get().get(requireNonNull(dataSource, "dataSource"));
    if (unit == null) {
      return Optional.empty();
    }
    if (unit.prelude != null) {
      DeferredWrite prelude = unit.prelude;
      unit.prelude = null;
      try (PreparedStatement ps = unit.connection.prepareStatement(prelude.sql())) {
        prelude.bind(unit.connection, ps, 1);
        ps.execute();
      } catch (SQLException e) {
        markFailed(dataSource, e);
        throw prelude.failure(e, isTransient(e)).orElseGet(() -> failure("the unit of work's first statement failed", e));
      }
    }
    return Optional.of(unit.connection);
  }

  /**
   * Makes {@code prelude} the statement that goes before any other of the unit this thread has open
   * on {@code dataSource} (a lock, say): it is sent by the next {@link #current} call, or in the
   * round trip of the next statement of a caller that {@linkplain #takePrelude takes} it and sends
   * it first itself, or at the latest before the unit's deferred writes. So it costs no round trip of
   * its own when the unit's first statement is one that takes it. A prelude given while another is
   * still pending (work joining the unit takes a second lock) sends that one first, at once.
   *
   * @throws IllegalStateException if no unit is open on {@code dataSource}
   */
  public static void prelude(DataSource dataSource, DeferredWrite prelude) {
    requireNonNull(prelude, "prelude");
    Open unit = OPEN.get().get(requireNonNull(dataSource, "dataSource"));
    if (unit == null) {
      throw new IllegalStateException("no unit of work is open on this thread");
    }
    if (unit.prelude != null) {
      current(dataSource);
    }
    unit.prelude = prelude;
  }

  /**
   * Takes the {@linkplain #prelude prelude} of the unit this thread has open on {@code dataSource},
   * if still pending: the caller must send it before its own statement, in the same round trip
   * (its {@link DeferredWrite#sql()}, {@code "; "}, then the caller's statement), on the unit's
   * connection. Empty if none is open or pending.
   */
  public static Optional<DeferredWrite> takePrelude(DataSource dataSource) {
    Open unit = OPEN.get().get(requireNonNull(dataSource, "dataSource"));
    if (unit == null || unit.prelude == null) {
      return Optional.empty();
    }
    DeferredWrite prelude = unit.prelude;
    unit.prelude = null;
    return Optional.of(prelude);
  }

  /**
   * A pending prelude becomes the first of the unit's deferred writes (without its own failure: a
   * failure of their round trip is the others' as likely).
   */
  private static void takePreludeInto(Open unit) {
    if (unit.prelude != null) {
      unit.deferred.add(0, DeferredWrite.of(unit.prelude.sql(), unit.prelude::bind));
      unit.prelude = null;
    }
  }

  /**
   * Runs {@code action} once the unit this thread has open on {@code dataSource} has committed (not
   * at all if it rolls back), or at once if none is open: for what must not happen before the
   * data it follows from is visible to others (caches, notifications, sealing).
   */
  public static void afterCommit(DataSource dataSource, Runnable action) {
    register(dataSource, action, unit -> unit.afterCommit);
  }

  /** Adds {@code action} to the list {@code of} the unit open on {@code dataSource}, or runs it at once. */
  private static void register(DataSource dataSource, Runnable action, Function<Open, List<Runnable>> of) {
    requireNonNull(action, "action");
    Open unit = OPEN.get().get(requireNonNull(dataSource, "dataSource"));
    if (unit == null) {
      action.run();
    } else {
      of.apply(unit).add(action);
    }
  }

  /**
   * Runs {@code action} just before the unit this thread has open on {@code dataSource} commits, in
   * it (a failure rolls the unit back), or at once if none is open: for a store that defers a
   * write it may replace before the end of the unit.
   */
  public static void beforeCommit(DataSource dataSource, Runnable action) {
    register(dataSource, action, unit -> unit.beforeCommit);
  }

  /** The last write of a unit of work, sent with its {@code COMMIT}. */
  @FunctionalInterface
  public interface Commit {
    /**
     * Writes and commits the unit's transaction on {@code connection}, in as few round trips as it
     * can (for example {@code "UPDATE ...; COMMIT"}); throws if either failed.
     */
    void writeAndCommit(Connection connection) throws SQLException;

    /**
     * Sends the unit's {@linkplain #deferToCommit deferred writes} {@code first}, then writes and
     * commits as {@link #writeAndCommit(Connection)} does. This default costs a round trip more
     * than needed when there are deferred writes; a commit that sends its own statement should put
     * {@link DeferredWrites#sql()} before it, in the same round trip.
     */
    default void writeAndCommit(Connection connection, DeferredWrites first) throws SQLException {
      if (!first.isEmpty()) {
        first.send(connection, "");
      }
      writeAndCommit(connection);
    }
  }

  /**
   * A write whose outcome the work of a unit does not need before the unit ends (a row completed,
   * an event appended, a standing saved): sent after everything else, in the round trip of the
   * {@code COMMIT}, so it costs the unit no round trip of its own. If it fails, the unit fails
   * with it and nothing of it is committed; so it must not be a write that refuses (a check a
   * caller must see as its own exception belongs in a statement sent at once).
   */
  public interface DeferredWrite {
    /** The write: one SQL statement with {@code ?} parameters and no trailing semicolon. */
    String sql();

    /**
     * Binds the statement's parameters on {@code statement} from index {@code first} on.
     *
     * @return the index after the last one bound
     */
    int bind(Connection connection, PreparedStatement statement, int first) throws SQLException;

    /**
     * What the unit throws when the commit that carried this write failed with {@code failure}
     * (transient or not, as {@link JdbcUnitOfWork#isTransient} says): the statement that failed is
     * not known, so the unit asks its deferred writes in order and throws the first answer, or its
     * own {@link LedgerStoreException} if none gives one. A store whose callers expect its own
     * exception type answers with it; by default, none.
     */
    default Optional<RuntimeException> failure(SQLException failure, boolean transientFailure) {
      return Optional.empty();
    }

    /** The write of {@code sql} whose parameters {@code binder} binds. */
    static DeferredWrite of(String sql, Binder binder) {
      requireNonNull(sql, "sql");
      requireNonNull(binder, "binder");
      return new DeferredWrite() {
        @Override
        public String sql() {
          return sql;
        }

        @Override
        public int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
          return binder.bind(connection, statement, first);
        }
      };
    }

    /** Binds a deferred write's parameters, as {@link DeferredWrite#bind} does. */
    @FunctionalInterface
    interface Binder {
      /**
       * Binds from index {@code first} on.
       *
       * @return the index after the last one bound
       */
      int bind(Connection connection, PreparedStatement statement, int first) throws SQLException;
    }
  }

  /**
   * The writes deferred to a unit's commit, in the order they were deferred, as the start of one
   * statement text: a {@link Commit} puts {@link #sql()} before its own statement and binds them
   * first. Immutable; used by the committing thread.
   */
  public static final class DeferredWrites {
    /** No writes. */
    public static final DeferredWrites NONE = new DeferredWrites(List.of());

    private final List<DeferredWrite> writes;

    DeferredWrites(List<DeferredWrite> writes) {
      this.writes = List.copyOf(writes);
    }

    /** Whether there is none. */
    public boolean isEmpty() {
      return writes.isEmpty();
    }

    /** Their statements, each followed by {@code "; "} (empty when there is none). */
    public String sql() {
      StringBuilder sql = new StringBuilder();
      writes.forEach(w -> sql.append(w.sql()).append("; "));
      return sql.toString();
    }

    /**
     * Binds their parameters from index {@code first} on.
     *
     * @return the index after the last one bound
     */
    public int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
      int next = first;
      for (DeferredWrite write : writes) {
        next = write.bind(connection, statement, next);
      }
      return next;
    }

    /** Sends them on {@code connection}, followed by {@code tail} (a statement, or nothing), in one round trip. */
    public void send(Connection connection, String tail) throws SQLException {
      try (PreparedStatement ps = connection.prepareStatement(sql() + tail)) {
        bind(connection, ps, 1);
        ps.execute();
      }
    }
  }

  /**
   * Defers {@code write} to the commit of the unit this thread has open on {@code dataSource}, where
   * it goes in the commit's round trip (after the unit's other statements, in the order deferred),
   * or does nothing if none is open.
   *
   * @return whether a unit took it; if not, the caller writes it itself
   */
  public static boolean deferToCommit(DataSource dataSource, DeferredWrite write) {
    requireNonNull(write, "write");
    Open unit = OPEN.get().get(requireNonNull(dataSource, "dataSource"));
    if (unit == null) {
      return false;
    }
    unit.deferred.add(write);
    return true;
  }

  /**
   * Sends now, in one round trip, the writes deferred so far to the commit of the unit this thread
   * has open on {@code dataSource} (nothing if none is open or none is deferred): for a store about
   * to read what such a write changes. A failure marks the unit failed and is thrown.
   *
   * @throws SQLException if a write failed (the unit then rolls back)
   */
  public static void sendDeferred(DataSource dataSource) throws SQLException {
    Open unit = OPEN.get().get(requireNonNull(dataSource, "dataSource"));
    if (unit == null) {
      return;
    }
    takePreludeInto(unit);
    if (unit.deferred.isEmpty()) {
      return;
    }
    DeferredWrites writes = new DeferredWrites(unit.deferred);
    unit.deferred.clear();
    try {
      writes.send(unit.connection, "");
    } catch (SQLException e) {
      markFailed(dataSource, e);
      throw e;
    }
  }

  /**
   * Makes {@code commit} the way the unit this thread has open on {@code dataSource} commits, after
   * every {@link #beforeCommit} action: for a write to rows that many units share (the ledger's
   * system accounts and budgets), whose locks are then held from that write to the commit only, and
   * which goes in the same round trip as the {@code COMMIT}. One per unit.
   *
   * @throws IllegalStateException if no unit is open on {@code dataSource}, or it has one already
   */
  public static void commitWith(DataSource dataSource, Commit commit) {
    requireNonNull(commit, "commit");
    Open unit = OPEN.get().get(requireNonNull(dataSource, "dataSource"));
    if (unit == null || unit.commit != null) {
      throw new IllegalStateException(unit == null ? "no unit of work is open on this thread"
          : "the unit of work has its commit already");
    }
    unit.commit = commit;
  }

  /**
   * A value kept for the rest of the unit this thread has open on {@code dataSource}, made by
   * {@code create} the first time {@code key} is asked for; empty when no unit is open. A store
   * keeps in it what it read or deferred during the unit (keys are the store's own objects).
   */
  public static <T> Optional<T> unitValue(DataSource dataSource, Object key, Supplier<T> create) {
    requireNonNull(key, "key");
    requireNonNull(create, "create");
    Open unit = OPEN.get().get(requireNonNull(dataSource, "dataSource"));
    if (unit == null) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    T value = (T) unit.values.computeIfAbsent(key, k -> create.get());
    return Optional.of(value);
  }

  /**
   * Marks the unit this thread has open on {@code dataSource} as failed, so that it rolls back
   * however its work ends: a store calls it when a statement failed inside the unit (PostgreSQL
   * has then aborted the transaction), in case its caller catches the exception and goes on. Does
   * nothing when no unit is open.
   */
  public static void markFailed(DataSource dataSource, Throwable failure) {
    requireNonNull(failure, "failure");
    Open unit = OPEN.get().get(requireNonNull(dataSource, "dataSource"));
    if (unit != null && unit.failure == null) {
      unit.failure = failure;
    }
  }

  /**
   * Whether running the same unit of work again may succeed: the database broke a deadlock or a
   * serialization conflict, another writer took a unique key first, the connection was lost, or
   * the server is shutting down, overloaded or cancelled the statement. A {@link
   * LedgerStoreException} says it itself.
   */
  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof LedgerStoreException e) {
        return e.isTransient();
      }
      if (t instanceof SQLException e) {
        return isTransient(e);
      }
    }
    return false;
  }

  static boolean isTransient(SQLException e) {
    // a unit run again from the start may also win a race on a key it lost
    return RetryingTransactions.isRetryable(e) || RetryingTransactions.isTransient(e, false);
  }

  private static LedgerStoreException failure(String what, SQLException e) {
    return new LedgerStoreException(what + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e,
        isTransient(e));
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      log.debug("rolling back a unit of work failed: {}", e.getMessage());
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("closing a unit of work's connection failed: {}", e.getMessage());
    }
  }
}
