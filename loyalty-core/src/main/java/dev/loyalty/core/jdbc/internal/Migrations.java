package dev.loyalty.core.jdbc.internal;

import dev.loyalty.core.StoreFailureException;
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
 * Creates or upgrades the engine's tables from the versioned SQL resources {@code
 * dev/loyalty/core/jdbc/V<n>__*.sql}, each version in one database transaction, under an advisory
 * lock so that instances starting together migrate once. A capability that adds tables adds the
 * next script to {@link #SCRIPTS}; scripts already applied are never changed.
 */
public final class Migrations {

  /** The scripts, version 1 first; the schema version this code reads and writes is their number. */
  private static final List<String> SCRIPTS = List.of("V1__engine.sql", "V2__insights.sql", "V3__claims.sql",
      "V4__access.sql", "V5__earned_points.sql");
  /** The schema version this code reads and writes. */
  public static final int CURRENT_VERSION = SCRIPTS.size();
  /** An arbitrary key for pg_advisory_xact_lock, the same in every instance (not the ledger's). */
  private static final long MIGRATION_LOCK = 0x4C4F59414C54594DL;
  private static final String RESOURCES = "/dev/loyalty/core/jdbc/";
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  /** The engine's schema version in the database, 0 when there is none. */
  public static int installedVersion(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(null, c.getSchema(), "loyalty_schema_version", new String[] {"TABLE"})) {
      if (!rs.next()) {
        return 0;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM loyalty_schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Migrates to {@link #CURRENT_VERSION}; returns it.
   *
   * @throws StoreFailureException if the database's schema is newer than this library's, or a
   *                               script failed (nothing of that version is kept)
   */
  public static int migrate(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        int installed = installedVersion(c);
        if (installed > CURRENT_VERSION) {
          throw new StoreFailureException("the loyalty engine's schema is at version " + installed
              + ", newer than the version " + CURRENT_VERSION + " this library knows; upgrade the library", null, false);
        }
        for (int v = installed + 1; v <= CURRENT_VERSION; v++) {
          for (String statement : statements(SCRIPTS.get(v - 1))) {
            s.execute(statement);
          }
          s.execute("INSERT INTO loyalty_schema_version (version, applied_at) VALUES (" + v + ", now())");
          LOG.info("loyalty engine schema migrated to version {}", v);
        }
        c.commit();
        return CURRENT_VERSION;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreFailureException("migrating the loyalty engine's schema failed: " + e.getMessage(), e, false);
    }
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

  /**
   * The statements of a script: comments dropped, split at semicolons that end a line outside a
   * dollar-quoted body ({@code $$ ... $$}, which may hold semicolons of its own).
   */
  static List<String> statements(String script) {
    String text;
    try (InputStream in = Migrations.class.getResourceAsStream(RESOURCES + script)) {
      if (in == null) {
        throw new IllegalStateException("schema script " + script + " is missing from the jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema script " + script, e);
    }
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inBody = false;
    for (String line : text.split("\n")) {
      int comment = inBody ? -1 : line.indexOf("--");
      String code = (comment >= 0 ? line.substring(0, comment) : line).strip();
      if (code.isEmpty()) {
        continue;
      }
      current.append(code).append('\n');
      int quotes = code.split("\\$\\$", -1).length - 1;
      inBody ^= quotes % 2 == 1;
      if (!inBody && code.endsWith(";")) {
        out.add(current.substring(0, current.lastIndexOf(";")));
        current.setLength(0);
      }
    }
    return out;
  }
}
