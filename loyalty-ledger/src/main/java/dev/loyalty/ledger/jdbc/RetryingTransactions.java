package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.spi.LedgerStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database transactions for the store: each runs on a connection of the host's pool, commits or
 * rolls back whole, and is run again (up to {@value #MAX_ATTEMPTS} times, with a short back-off)
 * when PostgreSQL says another try may succeed: a serialization failure, a deadlock, or a lost
 * race on a unique key. What still fails surfaces as a {@link LedgerStoreException} whose
 * {@linkplain LedgerStoreException#isTransient() transient} flag says whether sending the same
 * command again later may succeed. Checks the schema version once, before the first transaction.
 * Thread-safe.
 */
final class RetryingTransactions {

  private static final Logger log = LoggerFactory.getLogger(RetryingTransactions.class);
  private static final int MAX_ATTEMPTS = 8;

  private final DataSource dataSource;
  private volatile boolean schemaChecked;

  RetryingTransactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Notes that the schema is known to be current (after {@code migrate()}). */
  void schemaIsCurrent() {
    schemaChecked = true;
  }

  /**
   * Runs {@code body} in one database transaction, retrying transient failures; or, when the
   * calling thread has a {@link JdbcUnitOfWork} open on this data source, once in that unit's
   * transaction.
   */
  <T> T inTransaction(SqlFunction<Connection, T> body) {
    Optional<Connection> joined = JdbcUnitOfWork.current(dataSource);
    if (joined.isPresent()) {
      return inCallersTransaction(joined.get(), body);
    }
    checkSchema();
    for (int attempt = 1; ; attempt++) {
      SQLException failure;
      try {
        return once(body);
      } catch (SQLException e) {
        failure = e;
      } catch (UncheckedSql e) {
        failure = e.getCause();
      }
      boolean retryable = isRetryable(failure);
      if (!retryable || attempt == MAX_ATTEMPTS) {
        throw new LedgerStoreException("the ledger database failed: " + failure.getMessage() + " (SQLState "
            + failure.getSQLState() + (retryable ? ", still after " + attempt + " attempts" : "") + ")", failure,
            isTransient(failure, retryable));
      }
      log.debug("retrying a ledger unit of work after {} (attempt {})", failure.getSQLState(), attempt);
      backOff(attempt);
    }
  }

  /** Runs {@code body} in one database transaction, once: a failure rolls it back and is thrown. */
  <T> T once(SqlFunction<Connection, T> body) throws SQLException {
    checkSchema();
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
    }
  }

  /**
   * Runs {@code body} once on the connection of the caller's unit of work, neither committing nor
   * retrying: a failed statement has aborted the caller's transaction, so the unit is marked to
   * roll back and the failure thrown for the caller to run the whole unit again if it is transient.
   */
  <T> T inCallersTransaction(Connection c, SqlFunction<Connection, T> body) {
    return inCallersTransaction(c, body, true);
  }

  /**
   * {@link #inCallersTransaction(Connection, SqlFunction)} for a command: the changes to system
   * accounts the unit holds back stay held back. A command does not need them (it adds its own
   * changes to what it read), and writing them would lock those rows before the command locks its
   * wallets: two units doing so in turn would deadlock.
   */
  <T> T inCallersCommand(Connection c, SqlFunction<Connection, T> body) {
    return inCallersTransaction(c, body, false);
  }

  private <T> T inCallersTransaction(Connection c, SqlFunction<Connection, T> body, boolean reading) {
    SQLException failure;
    try {
      checkSchema(c);
      if (reading) {
        // what the unit's commands added to system accounts, before a read may look at them
        deferredDeltas().write(c);
      }
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

  /**
   * The changes to system accounts that the calling thread's unit of work on this data source
   * holds back to its end ({@link AddedChanges}); made on first use in the unit, when they become
   * what the unit's commit sends with its {@code COMMIT}.
   */
  AddedChanges deferredDeltas() {
    return JdbcUnitOfWork.unitValue(dataSource, AddedChanges.class, () -> {
      AddedChanges deltas = new AddedChanges();
      JdbcUnitOfWork.commitWith(dataSource, deltas);
      return deltas;
    }).orElseThrow(() -> new IllegalStateException("no unit of work is open on this thread"));
  }

  private void checkSchema() {
    if (schemaChecked) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      checkSchema(c);
    } catch (SQLException e) {
      throw new LedgerStoreException("cannot read the ledger schema version: " + e.getMessage(), e,
          isTransient(e, false));
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

  /** Worth running the whole unit again at once: another writer got in the way. */
  static boolean isRetryable(SQLException e) {
    String state = e.getSQLState();
    // serialization failure, deadlock, unique violation (a concurrent writer took the key first)
    return "40001".equals(state) || "40P01".equals(state) || "23505".equals(state);
  }

  /**
   * Whether the same command sent again later may succeed. A serialization failure or deadlock
   * that outlasted the retries may clear; so may a lost connection, a server shutting down or out of
   * resources, a cancelled statement or a lock not available. A unique violation that outlasted the
   * retries is no race (a race's rerun sees the winner), and anything else (bad data, a broken
   * schema) fails the same way every time.
   */
  static boolean isTransient(SQLException e, boolean retryable) {
    String state = e.getSQLState();
    if (state == null) {
      return false;
    }
    if (retryable) {
      return !"23505".equals(state);
    }
    return state.startsWith("08") || state.startsWith("53") || state.equals("57P01") || state.equals("57P02")
        || state.equals("57P03") || state.equals("57014") || state.equals("55P03");
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

  /** A step that may throw {@link SQLException}. */
  @FunctionalInterface
  interface SqlFunction<A, R> {
    R apply(A a) throws SQLException;
  }

  /** A read that may throw {@link SQLException}. */
  @FunctionalInterface
  interface SqlSupplier<T> {
    T get() throws SQLException;
  }

  /** Runs {@code body}, carrying a {@link SQLException} out as {@link UncheckedSql}. */
  static <T> T sql(SqlSupplier<T> body) {
    try {
      return body.get();
    } catch (SQLException e) {
      throw new UncheckedSql(e);
    }
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
}
