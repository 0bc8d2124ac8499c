package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.spi.LedgerStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or upgrades the ledger schema from the versioned SQL resources
 * ({@code dev/loyalty/ledger/jdbc/V<n>__*.sql}), each in one database transaction, under an
 * advisory lock so that instances starting together migrate once.
 */
final class SchemaMigrator {

  /** The schema version this code reads and writes. */
  static final int CURRENT_VERSION = 5;

  private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
  private static final String[] SCRIPTS = {"V1__ledger.sql", "V2__compact_journal.sql",
      "V3__cheaper_lots_and_seals.sql", "V4__partial_reversals.sql", "V5__hardening.sql"};
  /** An arbitrary key for pg_advisory_xact_lock, the same in every instance. */
  private static final long MIGRATION_LOCK = 0x4C45444745524D31L;

  private SchemaMigrator() {}

  /** The schema version in the database, 0 when there is none. */
  static int installedVersion(Connection c) throws SQLException {
    if (!tableExists(c, "ledger_schema_version")) {
      return 0;
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM ledger_schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static int migrate(DataSource dataSource) {
    return migrate(dataSource, CURRENT_VERSION);
  }

  /** Migrates up to {@code target} only; tests use it to build an older schema to upgrade from. */
  static int migrate(DataSource dataSource, int target) {
    if (target < 1 || target > CURRENT_VERSION) {
      throw new IllegalArgumentException("no schema version " + target + " (1 to " + CURRENT_VERSION + ")");
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        int installed = installedVersion(c);
        if (installed > CURRENT_VERSION) {
          throw new LedgerStoreException("the ledger schema is at version " + installed
              + ", newer than the version " + CURRENT_VERSION + " this library knows; upgrade the library", null, false);
        }
        for (int v = installed + 1; v <= target; v++) {
          for (String statement : statements(SCRIPTS[v - 1])) {
            s.execute(statement);
          }
          s.execute("INSERT INTO ledger_schema_version (version, applied_at) VALUES (" + v + ", now())");
          log.info("ledger schema migrated to version {}", v);
        }
        c.commit();
        return Math.max(installed, target);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new LedgerStoreException("migrating the ledger schema failed: " + e.getMessage(), e, false);
    }
  }

  /** The statements of a script: comments dropped, split at semicolons that end a line. */
  static List<String> statements(String script) {
    String text;
    try (InputStream in = SchemaMigrator.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("schema script " + script + " is missing from the jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema script " + script, e);
    }
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      int comment = line.indexOf("--");
      String code = (comment >= 0 ? line.substring(0, comment) : line).strip();
      if (code.isEmpty()) {
        continue;
      }
      current.append(code).append('\n');
      if (code.endsWith(";")) {
        out.add(current.substring(0, current.lastIndexOf(";")));
        current.setLength(0);
      }
    }
    return out;
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(null, c.getSchema(), table, new String[] {"TABLE"})) {
      return rs.next();
    }
  }
}
