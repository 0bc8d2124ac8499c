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
    Commit commit;
    final List<Runnable> afterCommit = new ArrayList<>();
    final Map<Object, Object> values = new HashMap<>();
    Throwable failure;
    /** The group this unit is a member of, or null for a unit of its own. */
    final Group group;

    Open(Connection connection, Group group) {
      this.connection = connection;
      this.group = group;
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
    Open unit = new Open(begin(dataSource, "a unit of work"), null);
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

  /** A connection of {@code dataSource} with a transaction begun, for {@code what}. */
  private static Connection begin(DataSource dataSource, String what) {
    try {
      Connection c = dataSource.getConnection();
      try {
        c.setAutoCommit(false);
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
      return c;
    } catch (SQLException e) {
      throw failure("could not open " + what, e);
    }
  }

  /** The connection of the unit this thread has open on {@code dataSource}, if any. */
  public static Optional<Connection> current(DataSource dataSource) {
    Open unit = OPEN.get().get(requireNonNull(dataSource, "dataSource"));
    return unit == null ? Optional.empty() : Optional.of(unit.connection);
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
    if (unit == null || unit.deferred.isEmpty()) {
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
    if (unit == null || unit.commit != null || unit.group != null) {
      throw new IllegalStateException(unit == null ? "no unit of work is open on this thread"
          : unit.group != null ? "a member of a group of units commits with the group, not with a commit of its own"
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
   * The additions to shared rows ({@link AddedChanges}) of the unit this thread has open on {@code
   * dataSource}, made on first use: a unit of its own commits with them ({@link #commitWith}); a
   * member of a {@link Group} shares the group's, so that it reads what the members before it drew
   * on a budget, and the group adds them all in its commit's one statement.
   *
   * @throws IllegalStateException if no unit is open on this thread
   */
  static AddedChanges additions(DataSource dataSource) {
    Open unit = OPEN.get().get(requireNonNull(dataSource, "dataSource"));
    if (unit == null) {
      throw new IllegalStateException("no unit of work is open on this thread");
    }
    if (unit.group != null) {
      return unit.group.additions();
    }
    return (AddedChanges) unit.values.computeIfAbsent(AddedChanges.class, k -> {
      AddedChanges deltas = new AddedChanges();
      commitWith(dataSource, deltas);
      return deltas;
    });
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

  /**
   * One database transaction in which several units of work run one after another, each as a
   * <em>member</em> under a savepoint of its own, and which commits once for all of them: a group
   * commit, for a library above the ledger that gathers concurrent callers' work (the loyalty
   * engine on PostgreSQL does), so that the {@code COMMIT}, its flush and the additions to shared
   * rows are paid once per group instead of once per unit.
   *
   * <pre>{@code
   * JdbcUnitOfWork.Group group = JdbcUnitOfWork.Group.open(dataSource);
   * try {
   *   Receipt a = group.run(DeferredWrite.of("SELECT 1", (c, ps, i) -> i), () -> first.get());  // on any thread,
   *   Receipt b = group.run(DeferredWrite.of("SELECT 1", (c, ps, i) -> i), () -> second.get()); // one at a time
   *   group.commit();                                 // both durable here, or neither
   * } finally {
   *   group.close();                                  // rolls back what was not committed
   * }
   * }</pre>
   *
   * <p>A member is a unit of work ({@link #inTransaction} semantics: stores over the data source
   * that the calling thread calls join it, {@link #deferToCommit}, {@link #beforeCommit}, {@link
   * #unitValue} and {@link #markFailed} are the member's own), except that its deferred writes are
   * sent when it ends (with the release of its savepoint, in one round trip), not at the group's
   * commit, so that the members after it read what it wrote; its {@link #afterCommit} actions run
   * once the group has committed; and {@link #commitWith} is refused (the ledger's additions to
   * shared rows are the group's, one statement in its commit). A member that throws, or in which a
   * store failed, is rolled back to its savepoint: nothing of it stays, and the group goes on
   * (unless the connection broke: then the group is {@linkplain #broken() broken}, and so is every
   * later member and the commit).
   *
   * <p>Not thread-safe: members may run on different threads, but one at a time, each call
   * happening after the one before (the caller hands the group from thread to thread). Keep the
   * group short: the row locks of every member are held until its commit.
   */
  public static final class Group {
    private static final String SAVEPOINT = "ledger_group_member";

    private final DataSource dataSource;
    private final Connection connection;
    /** The members' additions to shared rows, written with the commit; null until a member makes some. */
    private AddedChanges additions;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private Throwable broken;
    private boolean ended;
    private int committed;

    private Group(DataSource dataSource, Connection connection) {
      this.dataSource = dataSource;
      this.connection = connection;
    }

    /**
     * Opens a group: one connection of {@code dataSource}, its transaction begun.
     *
     * @throws LedgerStoreException if no connection could be had (transient when a retry may get one)
     */
    public static Group open(DataSource dataSource) {
      requireNonNull(dataSource, "dataSource");
      return new Group(dataSource, begin(dataSource, "a group of units of work"));
    }

    AddedChanges additions() {
      if (additions == null) {
        additions = new AddedChanges();
      }
      return additions;
    }

    /**
     * Runs {@code work} on the calling thread as the group's next member: sends {@code first} (the
     * member's first statement, a lock say) in one round trip with the member's savepoint, runs
     * {@code work}, then its {@link #beforeCommit} actions, then sends its deferred writes with the
     * savepoint's release. If any of it fails, rolls the member back to its savepoint and throws
     * what {@code work} threw (or, for a failed statement, {@code first}'s or a deferred write's
     * {@linkplain DeferredWrite#failure failure}, else a {@link LedgerStoreException}).
     *
     * @throws LedgerStoreException (transient) if the group is broken or ended, without running
     *                              {@code work}
     * @throws IllegalStateException if the calling thread has a unit open on the data source
     */
    public <T> T run(DeferredWrite first, Supplier<T> work) {
      requireNonNull(first, "first");
      requireNonNull(work, "work");
      if (broken != null || ended) {
        throw new LedgerStoreException("the group of units of work is " + (ended ? "ended" : "broken: "
            + broken.getMessage()), broken, true);
      }
      Map<DataSource, Open> open = OPEN.get();
      if (open.containsKey(dataSource)) {
        throw new IllegalStateException("a group's member cannot run inside a unit of work on the same data source");
      }
      AddedChanges before = additions == null ? null : copy(additions);
      Open unit = new Open(connection, this);
      open.put(dataSource, unit);
      boolean done = false;
      try {
        send(List.of(DeferredWrite.of("SAVEPOINT " + SAVEPOINT, (c, ps, i) -> i), first), "");
        T result = work.get();
        for (int i = 0; i < unit.beforeCommit.size() && unit.failure == null; i++) {
          unit.beforeCommit.get(i).run();
        }
        if (unit.failure != null) {
          throw new LedgerStoreException("a store failed inside a member of a group of units of work, which was "
              + "rolled back: " + unit.failure.getMessage(), unit.failure, isTransient(unit.failure));
        }
        send(unit.deferred, "RELEASE SAVEPOINT " + SAVEPOINT);
        afterCommit.addAll(unit.afterCommit);
        committed++;
        done = true;
        return result;
      } finally {
        open.remove(dataSource);
        if (!done) {
          additions = before;
          rollbackMember();
        }
      }
    }

    /** Sends {@code writes}, then {@code tail}, in one round trip; a failure is the first write's answer for it. */
    private void send(List<DeferredWrite> writes, String tail) {
      DeferredWrites all = new DeferredWrites(writes);
      if (all.isEmpty() && tail.isEmpty()) {
        return;
      }
      try {
        all.send(connection, tail);
      } catch (SQLException e) {
        throw writes.stream().map(w -> w.failure(e, isTransient(e))).flatMap(Optional::stream).findFirst()
            .orElseGet(() -> failure("a statement of a member of a group of units of work failed", e));
      }
    }

    private void rollbackMember() {
      try (var st = connection.createStatement()) {
        st.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT + "; RELEASE SAVEPOINT " + SAVEPOINT);
      } catch (SQLException e) {
        // the connection broke (or the savepoint is gone): nothing of the group can commit now
        broken = e;
        log.debug("rolling a member of a group of units of work back failed: {}", e.getMessage());
      }
    }

    private static AddedChanges copy(AddedChanges changes) {
      AddedChanges copy = new AddedChanges();
      copy.addAll(changes);
      return copy;
    }

    /** What broke the group (a member could not be rolled back to its savepoint), if anything did. */
    public Optional<Throwable> broken() {
      return Optional.ofNullable(broken);
    }

    /** How many members ran to their end and stay in the group (those rolled back are not counted). */
    public int members() {
      return committed;
    }

    /**
     * Commits every member that ran to its end, with the members' additions to shared rows (and
     * the ledger's check of the budgets they drew on) in the {@code COMMIT}'s round trip; returns
     * the connection to the pool; then runs the members' {@link #afterCommit} actions on the
     * calling thread. Ends the group.
     *
     * @throws LedgerStoreException if the group is broken or the commit failed: nothing of the group
     *                              is committed (the outcome is unknown only when the connection
     *                              broke during the commit); {@link LedgerStoreException#isTransient()}
     *                              says whether to run the members again
     * @throws IllegalStateException if the group has ended
     */
    public void commit() {
      if (ended) {
        throw new IllegalStateException("the group of units of work has ended");
      }
      ended = true;
      try {
        if (broken != null) {
          throw new LedgerStoreException("the group of units of work is broken and was rolled back: "
              + broken.getMessage(), broken, true);
        }
        if (additions != null) {
          additions.writeAndCommit(connection, DeferredWrites.NONE);
        } else {
          connection.commit();
        }
      } catch (SQLException e) {
        rollbackQuietly(connection);
        closeQuietly(connection);
        throw failure("committing a group of units of work failed", e);
      } catch (RuntimeException | Error e) {
        rollbackQuietly(connection);
        closeQuietly(connection);
        throw e;
      }
      closeQuietly(connection);
      for (Runnable action : afterCommit) {
        try {
          action.run();
        } catch (RuntimeException e) {
          log.warn("an action after a group of units of work's commit failed; the commit stands", e);
        }
      }
    }

    /** Rolls back and ends the group unless it has committed (or ended); returns its connection. */
    public void close() {
      if (!ended) {
        ended = true;
        rollbackQuietly(connection);
        closeQuietly(connection);
      }
    }
  }

}
