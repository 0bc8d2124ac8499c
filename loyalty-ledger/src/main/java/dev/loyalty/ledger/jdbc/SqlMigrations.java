package dev.loyalty.ledger.jdbc;

import static java.util.Objects.requireNonNull;

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
 * A schema kept as versioned SQL scripts: version {@code n} is the {@code n}-th script, applied in
 * one database transaction and recorded in a version table, all under an advisory lock so that
 * instances starting together migrate once; a database whose version is newer than the scripts is
 * refused. How the ledger creates and upgrades its tables, and how a library that keeps its own
 * tables beside the ledger's (the loyalty engine's) does the same with its own scripts, version
 * table and lock.
 *
 * <p>A script is a resource next to a class: statements end with a semicolon at the end of a line,
 * {@code --} starts a comment, and a dollar-quoted body ({@code $$ ... $$}) may hold semicolons and
 * comments of its own. Immutable and thread-safe.
 */
public final class SqlMigrations {
  private static final Logger log = LoggerFactory.getLogger(SqlMigrations.class);

  /** How a failure becomes the schema owner's own exception. */
  @FunctionalInterface
  public interface Failure {
    /** The exception for {@code message}, caused by {@code cause} (null for none); not transient. */
    RuntimeException of(String message, Throwable cause);
  }

  private final String schema;
  private final String versionTable;
  private final Class<?> resources;
  private final List<String> scripts;
  private final long lock;
  private final Failure failure;

  /**
   * The schema named {@code schema} in messages ("ledger schema"), recorded in table {@code
   * versionTable} (version, applied_at), whose scripts are the resources {@code scripts} (version 1
   * first) found relative to {@code resources}, migrated under advisory lock {@code lock}.
   */
  public SqlMigrations(String schema, String versionTable, Class<?> resources, List<String> scripts, long lock,
      Failure failure) {
    this.schema = requireNonNull(schema, "schema");
    this.versionTable = requireNonNull(versionTable, "versionTable");
    this.resources = requireNonNull(resources, "resources");
    this.scripts = List.copyOf(requireNonNull(scripts, "scripts"));
    this.lock = lock;
    this.failure = requireNonNull(failure, "failure");
  }

  /** The version the scripts bring a database to: their number. */
  public int currentVersion() {
    return scripts.size();
  }

  /** The version installed in the database of {@code c}, 0 when there is none. */
  public int installedVersion(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(null, c.getSchema(), versionTable, new String[] {"TABLE"})) {
      if (!rs.next()) {
        return 0;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + versionTable)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Applies the versions after the installed one up to {@code target}, each in one transaction;
   * returns the version the database is at.
   *
   * @throws IllegalArgumentException if there is no version {@code target}
   * @throws RuntimeException         the owner's {@link Failure} if the database's version is newer
   *                                  than the scripts, or a script failed (nothing of that version
   *                                  is kept)
   */
  public int migrate(DataSource dataSource, int target) {
    int current = currentVersion();
    if (target < 1 || target > current) {
      throw new IllegalArgumentException("no " + schema + " version " + target + " (1 to " + current + ")");
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + lock + ")");
        int installed = installedVersion(c);
        if (installed > current) {
          throw failure.of("the " + schema + " is at version " + installed + ", newer than the version " + current
              + " this library knows; upgrade the library", null);
        }
        for (int v = installed + 1; v <= target; v++) {
          for (String statement : statements(scripts.get(v - 1))) {
            s.execute(statement);
          }
          s.execute("INSERT INTO " + versionTable + " (version, applied_at) VALUES (" + v + ", now())");
          log.info("{} migrated to version {}", schema, v);
        }
        c.commit();
        return Math.max(installed, target);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure.of("migrating the " + schema + " failed: " + e.getMessage(), e);
    }
  }

  /** The statements of {@code script}, comments dropped, in order. */
  public List<String> statements(String script) {
    String text;
    try (InputStream in = resources.getResourceAsStream(script)) {
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
