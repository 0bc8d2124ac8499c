package dev.loyalty.core.jdbc.internal;

import dev.loyalty.core.StoreFailureException;
import dev.loyalty.ledger.jdbc.SqlMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates or upgrades the engine's tables from the versioned SQL resources {@code
 * dev/loyalty/core/jdbc/V<n>__*.sql}, each version in one database transaction, under an advisory
 * lock so that instances starting together migrate once (the ledger's {@link SqlMigrations}, with
 * the engine's own version table and lock). A capability that adds tables adds the next script to
 * the list; scripts already applied are never changed.
 */
public final class Migrations {

  /** The scripts, version 1 first, in the versions table, under their own advisory lock (not the ledger's). */
  private static final SqlMigrations SCHEMA = new SqlMigrations("loyalty engine's schema", "loyalty_schema_version",
      Migrations.class, List.of("/dev/loyalty/core/jdbc/V1__engine.sql", "/dev/loyalty/core/jdbc/V2__insights.sql",
          "/dev/loyalty/core/jdbc/V3__claims.sql", "/dev/loyalty/core/jdbc/V4__access.sql",
          "/dev/loyalty/core/jdbc/V5__earned_points.sql", "/dev/loyalty/core/jdbc/V6__rewards.sql",
          "/dev/loyalty/core/jdbc/V7__journal_facts.sql", "/dev/loyalty/core/jdbc/V8__identity_times.sql",
          "/dev/loyalty/core/jdbc/V9__outbox_appended_by.sql",
          "/dev/loyalty/core/jdbc/V10__cheaper_amount_sums.sql",
          "/dev/loyalty/core/jdbc/V11__outbox_positions_apart.sql"),
      0x4C4F59414C54594DL, (message, cause) -> new StoreFailureException(message, cause, false));
  /** The schema version this code reads and writes. */
  public static final int CURRENT_VERSION = SCHEMA.currentVersion();

  private Migrations() {
  }

  /** The engine's schema version in the database, 0 when there is none. */
  public static int installedVersion(Connection c) throws SQLException {
    return SCHEMA.installedVersion(c);
  }

  /**
   * Migrates to {@link #CURRENT_VERSION}; returns it.
   *
   * @throws StoreFailureException if the database's schema is newer than this library's, or a
   *                               script failed (nothing of that version is kept)
   */
  public static int migrate(DataSource dataSource) {
    return migrate(dataSource, CURRENT_VERSION);
  }

  /**
   * Migrates up to version {@code target} only (tests build an older schema to upgrade from);
   * returns the version the database is at.
   *
   * @throws IllegalArgumentException if there is no such version
   * @throws StoreFailureException    as {@link #migrate(DataSource)}
   */
  public static int migrate(DataSource dataSource, int target) {
    return SCHEMA.migrate(dataSource, target);
  }

  /**
   * Refuses a database whose engine schema is missing or of another version, with what to do.
   *
   * @throws StoreFailureException saying so
   */
  public static void requireCurrent(Connection c) throws SQLException {
    int version = installedVersion(c);
    if (version == 0) {
      throw new StoreFailureException("the database has no loyalty engine schema: call "
          + "PostgresStores.on(dataSource).migrate() or apply the SQL in dev/loyalty/ledger/jdbc and "
          + "dev/loyalty/core/jdbc first", null, false);
    }
    if (version != CURRENT_VERSION) {
      throw new StoreFailureException("the loyalty engine schema is at version " + version + " but this library "
          + "uses version " + CURRENT_VERSION + (version < CURRENT_VERSION
              ? ": call PostgresStores.on(dataSource).migrate()" : ": upgrade the library"), null, false);
    }
  }
}
