package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.jdbc.internal.ClaimJson;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.Rows;
import dev.loyalty.core.jdbc.internal.Nanos;
import dev.loyalty.core.jdbc.internal.Pages;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.ClaimStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link ClaimStore} in PostgreSQL ({@code loyalty_claim}): the latest version of each claim as
 * JSON, with the columns its queries use (partner, invoice key, fingerprint, status, submission
 * time, deadline). An insert is one {@code INSERT ... ON CONFLICT DO NOTHING} and an update one
 * {@code UPDATE ... WHERE version = ?}, so of concurrent writers of one claim (in any instance)
 * exactly one wins. Joins the calling thread's {@code JdbcUnitOfWork} on the same data source.
 * Thread-safe; safe for many application instances.
 */
public final class JdbcClaimStore implements ClaimStore {
  private static final String SELECT = "SELECT claim::text FROM loyalty_claim ";

  private final Database db;

  private JdbcClaimStore(DataSource dataSource) {
    this.db = new Database(dataSource, "claim store");
  }

  /** The claims in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcClaimStore using(DataSource dataSource) {
    return new JdbcClaimStore(dataSource);
  }

  @Override
  public boolean insert(Claim claim) {
    requireNonNull(claim, "claim");
    if (claim.version() != 1) {
      throw new IllegalArgumentException("a new claim is version 1; claim " + claim.id() + " is version "
          + claim.version());
    }
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_claim (id, touched, version, partner_id, "
          + "invoice_key, fingerprint, status, awaits, submitted_ns, deadline_ns, claim) "
          + "VALUES (?, nextval('loyalty_claim_touched'), 1, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) "
          + "ON CONFLICT (id) DO NOTHING")) {
        ps.setString(1, claim.id().value());
        ps.setString(2, claim.partner().value());
        bindState(ps, 3, claim);
        ps.setBigDecimal(7, Nanos.of(claim.submittedAt()));
        ps.setBigDecimal(8, Nanos.of(claim.deadline()));
        ps.setString(9, ClaimJson.write(claim));
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean update(Claim claim) {
    requireNonNull(claim, "claim");
    return db.run(c -> {
      Optional<Claim> stored = find(c, claim.id(), true);
      if (stored.isEmpty() || stored.get().version() != claim.version() - 1) {
        return false;
      }
      if (!stored.get().partner().equals(claim.partner()) || !stored.get().submittedAt().equals(claim.submittedAt())) {
        throw new IllegalArgumentException("claim " + claim.id() + " cannot change its partner or submission time");
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_claim SET touched = "
          + "nextval('loyalty_claim_touched'), version = ?, invoice_key = ?, fingerprint = ?, status = ?, awaits = ?, "
          + "deadline_ns = ?, claim = ?::jsonb WHERE id = ? AND version = ?")) {
        ps.setLong(1, claim.version());
        bindState(ps, 2, claim);
        ps.setBigDecimal(6, Nanos.of(claim.deadline()));
        ps.setString(7, ClaimJson.write(claim));
        ps.setString(8, claim.id().value());
        ps.setLong(9, claim.version() - 1);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** Binds invoice key, fingerprint, status and whether it waits for a decision from {@code first} on. */
  private static void bindState(PreparedStatement ps, int first, Claim claim) throws SQLException {
    ps.setString(first, claim.submission().invoiceKey());
    ps.setString(first + 1, claim.submission().fingerprint());
    ps.setString(first + 2, claim.status().name());
    ps.setBoolean(first + 3, claim.status().awaitsDecision());
  }

  @Override
  public Optional<Claim> find(ClaimId id) {
    requireNonNull(id, "id");
    return db.run(c -> find(c, id, false));
  }

  /** The stored claim {@code id}, its row locked against other writers until the transaction ends if {@code lock}. */
  private static Optional<Claim> find(Connection c, ClaimId id, boolean lock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
      ps.setString(1, id.value());
      return claims(ps).stream().findFirst();
    }
  }

  @Override
  public List<Claim> byInvoice(PartnerId partner, String invoiceKey) {
    requireNonNull(partner, "partner");
    requireNonNull(invoiceKey, "invoiceKey");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE partner_id = ? AND invoice_key = ? "
          + "ORDER BY touched")) {
        ps.setString(1, partner.value());
        ps.setString(2, invoiceKey);
        return claims(ps);
      }
    });
  }

  @Override
  public List<Claim> byFingerprint(String fingerprint) {
    requireNonNull(fingerprint, "fingerprint");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE fingerprint = ? ORDER BY touched")) {
        ps.setString(1, fingerprint);
        return claims(ps);
      }
    });
  }

  @Override
  public List<Claim> ofPartner(PartnerId partner, Instant from, Instant to) {
    requireNonNull(partner, "partner");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      return List.of();
    }
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE partner_id = ? AND submitted_ns >= ? "
          + "AND submitted_ns < ? ORDER BY submitted_ns, inserted")) {
        ps.setString(1, partner.value());
        ps.setBigDecimal(2, Nanos.of(from));
        ps.setBigDecimal(3, Nanos.of(to));
        return claims(ps);
      }
    });
  }

  @Override
  public List<Claim> inStatus(ClaimStatus status, Optional<ClaimId> after, int limit) {
    requireNonNull(status, "status");
    requireNonNull(after, "after");
    Pages.requireLimit(limit);
    return db.run(c -> {
      long from = Pages.insertedOf(c, "loyalty_claim", after.map(ClaimId::value), "claim");
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE status = ? AND inserted > ? "
          + "ORDER BY inserted LIMIT ?")) {
        ps.setString(1, status.name());
        ps.setLong(2, from);
        ps.setInt(3, limit);
        return claims(ps);
      }
    });
  }

  @Override
  public List<Claim> dueBy(Instant at, int limit) {
    requireNonNull(at, "at");
    Pages.requireLimit(limit);
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE awaits AND deadline_ns <= ? "
          + "ORDER BY deadline_ns, id COLLATE \"C\" LIMIT ?")) {
        ps.setBigDecimal(1, Nanos.of(at));
        ps.setInt(2, limit);
        return claims(ps);
      }
    });
  }

  private static List<Claim> claims(PreparedStatement ps) throws SQLException {
    return Rows.list(ps, rs -> ClaimJson.readClaim(rs.getString(1)));
  }
}
