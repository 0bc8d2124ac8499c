package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.access.ApprovalRequest;
import dev.loyalty.core.access.ApprovalStatus;
import dev.loyalty.core.jdbc.internal.AccessJson;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.Rows;
import dev.loyalty.core.jdbc.internal.Pages;
import dev.loyalty.core.spi.ApprovalStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link ApprovalStore} in PostgreSQL ({@code loyalty_approval}): the latest version of each
 * request as JSON, with its status for the listings. An insert is one {@code INSERT ... ON CONFLICT
 * DO NOTHING} and an update one {@code UPDATE ... WHERE version = ?}, so of concurrent writers of
 * one request (in any instance) exactly one wins. Joins the calling thread's {@code JdbcUnitOfWork}
 * on the same data source. Thread-safe; safe for many application instances.
 */
public final class JdbcApprovalStore implements ApprovalStore {
  private static final String SELECT = "SELECT request::text FROM loyalty_approval ";

  private final Database db;

  private JdbcApprovalStore(DataSource dataSource) {
    this.db = new Database(dataSource, "approval store");
  }

  /** The approval requests in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcApprovalStore using(DataSource dataSource) {
    return new JdbcApprovalStore(dataSource);
  }

  @Override
  public boolean insert(ApprovalRequest request) {
    requireNonNull(request, "request");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_approval (id, version, status, request) "
          + "VALUES (?, ?, ?, ?::jsonb) ON CONFLICT (id) DO NOTHING")) {
        ps.setString(1, request.id().value());
        ps.setLong(2, request.version());
        ps.setString(3, request.status().name());
        ps.setString(4, AccessJson.write(request));
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<ApprovalRequest> find(ApprovalId id) {
    requireNonNull(id, "id");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE id = ?")) {
        ps.setString(1, id.value());
        return requests(ps).stream().findFirst();
      }
    });
  }

  @Override
  public boolean update(ApprovalRequest request) {
    requireNonNull(request, "request");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_approval SET version = ?, status = ?, "
          + "request = ?::jsonb WHERE id = ? AND version = ?")) {
        ps.setLong(1, request.version());
        ps.setString(2, request.status().name());
        ps.setString(3, AccessJson.write(request));
        ps.setString(4, request.id().value());
        ps.setLong(5, request.version() - 1);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<ApprovalRequest> list(ApprovalStatus status, Optional<ApprovalId> after, int limit) {
    requireNonNull(status, "status");
    requireNonNull(after, "after");
    Pages.requireLimit(limit);
    return db.run(c -> {
      long from = Pages.insertedOf(c, "loyalty_approval", after.map(ApprovalId::value), "approval request");
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE status = ? AND inserted > ? "
          + "ORDER BY inserted LIMIT ?")) {
        ps.setString(1, status.name());
        ps.setLong(2, from);
        ps.setInt(3, limit);
        return requests(ps);
      }
    });
  }

  private static List<ApprovalRequest> requests(PreparedStatement ps) throws SQLException {
    return Rows.list(ps, rs -> AccessJson.readRequest(rs.getString(1)));
  }
}
