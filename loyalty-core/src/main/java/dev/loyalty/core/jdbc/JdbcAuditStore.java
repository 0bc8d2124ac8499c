package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.jdbc.internal.AccessJson;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.Rows;
import dev.loyalty.core.jdbc.internal.Nanos;
import dev.loyalty.core.jdbc.internal.Pages;
import dev.loyalty.core.spi.AuditStore;
import dev.loyalty.core.spi.ConcurrentAuditAppendException;
import dev.loyalty.ledger.Digest;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link AuditStore} in PostgreSQL ({@code loyalty_audit}): one row per position, the record as
 * JSON and its chain link, kept exactly as given (a row changed behind the log's back is read as
 * it now stands, so verification finds it). An append inserts the next position only ({@code INSERT ... SELECT ...
 * WHERE} the last position is the one before, {@code ON CONFLICT DO NOTHING}), so of appenders in
 * any instance racing for a position exactly one gets it and the others are told to read the new
 * end ({@link ConcurrentAuditAppendException}). Rows are never updated or deleted. Joins the
 * calling thread's {@code JdbcUnitOfWork} on the same data source (the engine appends its entries
 * outside its transactions, so a refusal's entry outlives the refusal). Thread-safe; safe for many
 * application instances.
 */
public final class JdbcAuditStore implements AuditStore {
  private static final String SELECT = "SELECT claimed, at_ns, record::text, hash FROM loyalty_audit ";

  private final Database db;

  private JdbcAuditStore(DataSource dataSource) {
    this.db = new Database(dataSource, "audit store");
  }

  /** The audit log's store in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcAuditStore using(DataSource dataSource) {
    return new JdbcAuditStore(dataSource);
  }

  @Override
  public Optional<AuditEntry> last() {
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + "ORDER BY position DESC LIMIT 1")) {
        return entries(ps).stream().findFirst();
      }
    });
  }

  @Override
  public void append(AuditEntry entry) {
    requireNonNull(entry, "entry");
    boolean appended = db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_audit (position, claimed, at_ns, actor, "
          + "target_kind, target_id, record, hash) SELECT ?, ?, ?, ?, ?, ?, ?::jsonb, ? "
          + "WHERE (SELECT COALESCE(MAX(position), 0) FROM loyalty_audit) = ? ON CONFLICT (position) DO NOTHING")) {
        ps.setLong(1, entry.position());
        ps.setLong(2, entry.position());
        ps.setBigDecimal(3, Nanos.of(entry.at()));
        ps.setString(4, entry.record().actor().value());
        ps.setString(5, entry.record().target().kind());
        ps.setString(6, entry.record().target().id());
        ps.setString(7, AccessJson.write(entry.record()));
        ps.setString(8, entry.hash().toHex());
        ps.setLong(9, entry.position() - 1);
        return ps.executeUpdate() == 1;
      }
    });
    if (!appended) {
      throw new ConcurrentAuditAppendException("audit position " + entry.position() + " is taken or not the next one");
    }
  }

  @Override
  public List<AuditEntry> after(long after, int limit) {
    return page("", ps -> 1, after, limit);
  }

  @Override
  public List<AuditEntry> byActor(ActorId actor, long after, int limit) {
    requireNonNull(actor, "actor");
    return page("actor = ? AND ", ps -> {
      ps.setString(1, actor.value());
      return 2;
    }, after, limit);
  }

  @Override
  public List<AuditEntry> byTarget(String kind, String id, long after, int limit) {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    return page("target_kind = ? AND target_id = ? AND ", ps -> {
      ps.setString(1, kind);
      ps.setString(2, id);
      return 3;
    }, after, limit);
  }

  @Override
  public List<AuditEntry> between(Instant from, Instant to, long after, int limit) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    return page("at_ns >= ? AND at_ns < ? AND ", ps -> {
      ps.setBigDecimal(1, Nanos.of(from));
      ps.setBigDecimal(2, Nanos.of(to));
      return 3;
    }, after, limit);
  }

  /** Binds a query's own parameters and returns the index of the next. */
  @FunctionalInterface
  private interface Filter {
    int bind(PreparedStatement ps) throws SQLException;
  }

  /** The entries {@code where} (a condition ending in AND, or nothing) keeps, after {@code after}, at most {@code limit}. */
  private List<AuditEntry> page(String where, Filter filter, long after, int limit) {
    requirePage(after, limit);
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE " + where + "position > ? "
          + "ORDER BY position LIMIT ?")) {
        int next = filter.bind(ps);
        ps.setLong(next, after);
        ps.setInt(next + 1, limit);
        return entries(ps);
      }
    });
  }

  private static void requirePage(long after, int limit) {
    if (after < 0) {
      throw new IllegalArgumentException("after must not be negative, got " + after);
    }
    Pages.requireLimit(limit);
  }

  private static List<AuditEntry> entries(PreparedStatement ps) throws SQLException {
    return Rows.list(ps, rs -> new AuditEntry(rs.getLong(1), Nanos.instant(rs.getBigDecimal(2)),
        AccessJson.readRecord(rs.getString(3)), Digest.ofHex(rs.getString(4))));
  }
}
