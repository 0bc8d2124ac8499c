package dev.loyalty.core.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.StoreFailureException;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every PostgreSQL store of the engine talks to its database, so that they all behave alike:
 * a store's call runs in the caller's {@link JdbcUnitOfWork} when the calling thread has one open on
 * the store's data source (it then commits with the activity's other writes, and a failure marks
 * the unit to roll back and is thrown for the caller to run the whole unit again), or else in a
 * transaction of its own, run again on a serialization failure, a deadlock, a lost race on a
 * unique key or a broken connection, up to {@value #ATTEMPTS} times (a store's writes are
 * idempotent, so running one again is safe). Failures surface as {@link StoreFailureException}s
 * naming the store and saying whether they are transient. The schema version is checked once,
 * before the first call. A new store uses one {@code Database} and writes plain SQL against it.
 * Thread-safe.
 */
public final class Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final int ATTEMPTS = 8;

  private final DataSource dataSource;
  private final String store;
  private volatile boolean schemaChecked;

  /** The database of {@code store} (named in failures, "activity journal" say), over {@code dataSource}. */
  public Database(DataSource dataSource, String store) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.store = requireNonNull(store, "store");
  }

  /** The data source. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** One step of a store, on a connection; may throw {@link SQLException}. */
  @FunctionalInterface
  public interface Work<T> {
    /** Runs on {@code c}, inside a transaction the caller ends. */
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in the caller's unit of work, or in a transaction of its own (committed when
   * it returns, retried on a transient failure).
   *
   * @throws StoreFailureException if the database failed (for good, or through every retry)
   */
  public <T> T run(Work<T> work) {
    Optional<Connection> joined = JdbcUnitOfWork.current(dataSource);
    if (joined.isPresent()) {
      try {
        checkSchema(joined.get());
        return work.run(joined.get());
      } catch (SQLException e) {
        StoreFailureException failure = failure(e, JdbcUnitOfWork.isTransient(e), " inside the caller's unit of work");
        JdbcUnitOfWork.markFailed(dataSource, failure);
        throw failure;
      }
    }
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        checkSchema(c);
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
      } catch (SQLException e) {
        // every store's writes are idempotent, so a transaction whose connection broke (a server
        // restart, a dead pooled connection) is as safe to run again as one that lost a conflict
        boolean again = isConflict(e) || JdbcUnitOfWork.isTransient(e);
        if (!again || attempt == ATTEMPTS) {
          throw failure(e, JdbcUnitOfWork.isTransient(e), again ? " (still after " + attempt + " attempts)" : "");
        }
        LOG.debug("{}: retrying after {} (attempt {})", store, e.getSQLState(), attempt);
        backOff(attempt);
      }
    }
  }

  /** One step of a store that sends the unit's prelude, if given, in its own statement's round trip. */
  @FunctionalInterface
  public interface PreludedWork<T> {
    /**
     * Runs on {@code c}, inside a transaction the caller ends; {@code prelude}, if present, must be
     * sent before the step's statement, in the same round trip ({@link JdbcUnitOfWork#takePrelude}).
     */
    T run(Connection c, Optional<JdbcUnitOfWork.DeferredWrite> prelude) throws SQLException;
  }

  /**
   * As {@link #run}, handing {@code work} the caller's unit's {@linkplain JdbcUnitOfWork#prelude
   * prelude} if it is still pending (a partner's lock), for {@code work} to send with its statement:
   * for a store's read that is usually a unit's first statement.
   */
  public <T> T runAfterPrelude(PreludedWork<T> work) {
    Optional<JdbcUnitOfWork.DeferredWrite> prelude = JdbcUnitOfWork.takePrelude(dataSource);
    return run(c -> work.run(c, prelude));
  }

  /**
   * Writes {@code write}, whose outcome the caller does not need: in the caller's unit of work it is
   * deferred to the unit's commit and sent in its round trip ({@link JdbcUnitOfWork#deferToCommit};
   * a failure then fails the unit's commit, and nothing of the unit is committed); otherwise it is
   * written at once, in a transaction of its own.
   *
   * @throws StoreFailureException if written at once and the database failed
   */
  public void write(JdbcUnitOfWork.DeferredWrite write) {
    requireNonNull(write, "write");
    Optional<Connection> joined = JdbcUnitOfWork.current(dataSource);
    if (joined.isPresent()) {
      try {
        checkSchema(joined.get());
      } catch (SQLException e) {
        StoreFailureException failure = failure(e, JdbcUnitOfWork.isTransient(e), " inside the caller's unit of work");
        JdbcUnitOfWork.markFailed(dataSource, failure);
        throw failure;
      }
      if (JdbcUnitOfWork.deferToCommit(dataSource, failingAsStoreFailure(write))) {
        return;
      }
    }
    run(c -> {
      try (PreparedStatement ps = c.prepareStatement(write.sql())) {
        write.bind(c, ps, 1);
        ps.execute();
      }
      return null;
    });
  }

  /**
   * {@code write}, whose failure at the unit's commit is a {@link StoreFailureException}, as a
   * failure of a statement sent at once would be (the commit carries the unit's other deferred
   * writes too, so the message names this store as one of them).
   */
  private JdbcUnitOfWork.DeferredWrite failingAsStoreFailure(JdbcUnitOfWork.DeferredWrite write) {
    return new JdbcUnitOfWork.DeferredWrite() {
      @Override
      public String sql() {
        return write.sql();
      }

      @Override
      public int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
        return write.bind(connection, statement, first);
      }

      @Override
      public Optional<RuntimeException> failure(SQLException failure, boolean transientFailure) {
        return Optional.of(new StoreFailureException("the writes sent with the commit of the caller's unit of work "
            + "(the " + store + "'s among them) failed, and nothing of the unit was committed: " + failure.getMessage()
            + " (SQLState " + failure.getSQLState() + ")", failure, transientFailure));
      }
    };
  }

  /**
   * Runs {@code read} as {@link #run} does, after sending the writes deferred so far in the caller's
   * unit of work, if any ({@link #write}): for a read of what such a write changes.
   */
  public <T> T read(Work<T> read) {
    return run(c -> {
      JdbcUnitOfWork.sendDeferred(dataSource);
      return read.run(c);
    });
  }

  private void checkSchema(Connection c) throws SQLException {
    if (!schemaChecked) {
      Migrations.requireCurrent(c);
      schemaChecked = true;
    }
  }

  /** Another writer got in the way: worth running the same transaction again at once. */
  private static boolean isConflict(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state) || "23505".equals(state);
  }

  private StoreFailureException failure(SQLException e, boolean transientFailure, String where) {
    return new StoreFailureException("the " + store + " database failed" + where + ": " + e.getMessage()
        + " (SQLState " + e.getSQLState() + ")", e, transientFailure);
  }

  /** Waits a little before attempt {@code attempt + 1} (longer each time, at most 50 ms). */
  static void backOff(int attempt) {
    try {
      Thread.sleep(Math.min(50, 1L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreFailureException("interrupted while waiting to run a transaction again", e, true);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.debug("rollback failed: {}", e.getMessage());
    }
  }
}
