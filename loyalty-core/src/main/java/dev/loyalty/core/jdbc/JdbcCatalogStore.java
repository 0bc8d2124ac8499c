package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rewards.Catalog;
import dev.loyalty.core.rewards.CatalogLoader;
import dev.loyalty.core.rewards.CatalogVersion;
import dev.loyalty.core.rewards.CatalogVersionConflictException;
import dev.loyalty.core.spi.CatalogStore;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The {@link CatalogStore} of one program in PostgreSQL: every version published
 * ({@code loyalty_catalog_version}, the catalog in the JSON format of docs/REWARDS.md, so a DBA or
 * another tool can read it) and which is current ({@code loyalty_catalog_current}). Publications of
 * one program take its transaction-level advisory lock, so of two instances publishing at once
 * one goes first and the other sees its version (a version is stored once, with one content), and
 * a version once read (and committed) is kept parsed, so reading the current catalog costs one small
 * query.
 * Joins the calling thread's {@code JdbcUnitOfWork} on the same data source. Thread-safe; safe for
 * many application instances.
 */
public final class JdbcCatalogStore implements CatalogStore {
  /** The first key of the two-key advisory locks of catalog publications ("LOYC"). */
  private static final int PUBLICATIONS = 0x4C4F5943;

  /** How many parsed versions a store object keeps. */
  private static final int PARSED = 32;

  private final Database db;
  private final Program program;
  /** Versions read before, parsed: a stored version's content never changes. */
  private final Map<CatalogVersion, Catalog> parsed = new ConcurrentHashMap<>();

  private JdbcCatalogStore(DataSource dataSource, Program program) {
    this.db = new Database(dataSource, "catalog store");
    this.program = requireNonNull(program, "program");
  }

  /** The catalogs of {@code program} in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcCatalogStore using(DataSource dataSource, Program program) {
    return new JdbcCatalogStore(dataSource, program);
  }

  /**
   * The current catalog: one query for its version, which is read (and parsed) only the first time
   * this store object meets it, since a version's content never changes.
   */
  @Override
  public Optional<Catalog> current() {
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT version FROM loyalty_catalog_current "
          + "WHERE program_id = ?")) {
        ps.setString(1, program.id());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? find(c, CatalogVersion.of(rs.getString(1))) : Optional.<Catalog>empty();
        }
      }
    });
  }

  /**
   * Stores {@code catalog} (a new version) and makes it current, or makes the equal catalog stored
   * under its version current again.
   *
   * @throws CatalogVersionConflictException if its version was stored with other content
   * @throws IllegalArgumentException        if it is another program's catalog
   */
  @Override
  public Catalog publish(Catalog catalog) {
    requireNonNull(catalog, "catalog");
    if (!catalog.program().equals(program)) {
      throw new IllegalArgumentException("catalog " + catalog.version() + " is for program " + catalog.program().id()
          + ", not " + program.id() + ", whose catalogs this store keeps");
    }
    Optional<Catalog> conflicting = db.run(c -> {
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
        lock.setInt(1, PUBLICATIONS);
        lock.setInt(2, program.id().hashCode());
        lock.execute();
      }
      Optional<Catalog> stored = find(c, catalog.version());
      if (stored.isPresent() && !stored.get().equals(catalog)) {
        return stored;
      }
      if (stored.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_catalog_version (program_id, version, catalog) "
            + "VALUES (?, ?, ?::jsonb)")) {
          ps.setString(1, program.id());
          ps.setString(2, catalog.version().value());
          ps.setString(3, CatalogLoader.toJson(catalog));
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_catalog_current (program_id, version) "
          + "VALUES (?, ?) ON CONFLICT (program_id) DO UPDATE SET version = excluded.version")) {
        ps.setString(1, program.id());
        ps.setString(2, catalog.version().value());
        ps.executeUpdate();
      }
      return Optional.<Catalog>empty();
    });
    if (conflicting.isPresent()) {
      throw new CatalogVersionConflictException(catalog.version());
    }
    return catalog;
  }

  @Override
  public Optional<Catalog> find(CatalogVersion version) {
    requireNonNull(version, "version");
    return db.run(c -> find(c, version));
  }

  private Optional<Catalog> find(Connection c, CatalogVersion version) throws SQLException {
    Catalog known = parsed.get(version);
    if (known != null) {
      return Optional.of(known);
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT catalog::text FROM loyalty_catalog_version "
        + "WHERE program_id = ? AND version = ?")) {
      ps.setString(1, program.id());
      ps.setString(2, version.value());
      Optional<Catalog> read = one(ps);
      // only what committed: a version read inside a caller's transaction that rolls back may be
      // published again with other content
      read.ifPresent(catalog -> JdbcUnitOfWork.afterCommit(db.dataSource(), () -> remember(catalog)));
      return read;
    }
  }

  /** Keeps {@code catalog} parsed for the next reads of its version (at most {@value #PARSED} versions). */
  private void remember(Catalog catalog) {
    if (parsed.size() >= PARSED) {
      parsed.clear();
    }
    parsed.put(catalog.version(), catalog);
  }

  @Override
  public List<CatalogVersion> versions() {
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT version FROM loyalty_catalog_version WHERE program_id = ? "
          + "ORDER BY published")) {
        ps.setString(1, program.id());
        List<CatalogVersion> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(CatalogVersion.of(rs.getString(1)));
          }
        }
        return List.copyOf(out);
      }
    });
  }

  private Optional<Catalog> one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(CatalogLoader.fromJson(rs.getString(1), program)) : Optional.empty();
    }
  }
}
