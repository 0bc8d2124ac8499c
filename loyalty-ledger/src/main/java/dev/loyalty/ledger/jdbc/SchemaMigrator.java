package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.spi.LedgerStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates or upgrades the ledger schema from the versioned SQL resources
 * ({@code dev/loyalty/ledger/jdbc/V<n>__*.sql}), each in one database transaction, under an
 * advisory lock so that instances starting together migrate once ({@link SqlMigrations}).
 */
final class SchemaMigrator {

  private static final SqlMigrations SCHEMA = new SqlMigrations("ledger schema", "ledger_schema_version",
      SchemaMigrator.class, List.of("V1__ledger.sql", "V2__compact_journal.sql", "V3__cheaper_lots_and_seals.sql",
          "V4__partial_reversals.sql", "V5__hardening.sql", "V6__as_of_index.sql",
          "V7__system_account_stripes.sql"),
      // an arbitrary key for pg_advisory_xact_lock, the same in every instance
      0x4C45444745524D31L, (message, cause) -> new LedgerStoreException(message, cause, false));

  /** The schema version this code reads and writes. */
  static final int CURRENT_VERSION = SCHEMA.currentVersion();

  private SchemaMigrator() {}

  /** The schema version in the database, 0 when there is none. */
  static int installedVersion(Connection c) throws SQLException {
    return SCHEMA.installedVersion(c);
  }

  static int migrate(DataSource dataSource) {
    return migrate(dataSource, CURRENT_VERSION);
  }

  /** Migrates up to {@code target} only; tests use it to build an older schema to upgrade from. */
  static int migrate(DataSource dataSource, int target) {
    return SCHEMA.migrate(dataSource, target);
  }

  /** The statements of a script: comments dropped, split at semicolons that end a line. */
  static List<String> statements(String script) {
    return SCHEMA.statements(script);
  }
}
