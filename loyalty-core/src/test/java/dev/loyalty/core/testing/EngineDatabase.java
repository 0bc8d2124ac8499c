package dev.loyalty.core.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.core.jdbc.PostgresStores;
import dev.loyalty.ledger.jdbc.PostgresFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The engine's tables beside the ledger's, in the ledger's test database (one embedded PostgreSQL
 * server per test JVM, see the ledger's {@link PostgresFixture}), migrated once. {@link #fresh()}
 * empties the engine's and the ledger's tables, so each test starts from nothing without paying
 * for a new database. Public (and in the test-jar) for the examples' tests.
 */
public final class EngineDatabase {
  private static boolean migrated;

  private EngineDatabase() {
  }

  /** The pool over the migrated database. */
  public static synchronized DataSource dataSource() {
    DataSource ds = PostgresFixture.dataSource();
    if (!migrated) {
      PostgresStores.on(ds).migrate();
      migrated = true;
    }
    return ds;
  }

  /** The pool over emptied tables (the ledger's and the engine's). */
  public static synchronized DataSource fresh() {
    DataSource ds = dataSource();
    PostgresFixture.freshStore();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE loyalty_journal, loyalty_participant, loyalty_figures_month, loyalty_figures_applied, "
          + "loyalty_certification, loyalty_outbox, loyalty_outbox_pending, loyalty_outbox_batch, loyalty_outbox_consumer, loyalty_member, loyalty_partner, "
          + "loyalty_catalog_current, loyalty_catalog_version, loyalty_tier_move, loyalty_badge, "
          + "loyalty_claim, loyalty_invoice_record, loyalty_serial_claim, loyalty_identity, loyalty_audit, "
          + "loyalty_approval, loyalty_points_period, loyalty_points_applied, loyalty_redemption, loyalty_stock, "
          + "loyalty_stock_reservation, loyalty_code_pool, loyalty_code, loyalty_journal_fact, "
          + "loyalty_journal_award RESTART IDENTITY");
      s.execute("UPDATE loyalty_outbox_head SET last_position = 0");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the engine's tables", e);
    }
    return ds;
  }

  /** Another pool of {@code size} on the same database: a second application instance. Its caller closes it. */
  public static HikariDataSource secondInstance(int size) {
    dataSource();
    return PostgresFixture.newPool(size);
  }
}
