package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.claims.IdentityHash;
import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.claims.IdentityRecord;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.Nanos;
import dev.loyalty.core.jdbc.internal.Rows;
import dev.loyalty.core.jdbc.internal.Participants;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.IdentityStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@link IdentityStore} in PostgreSQL ({@code loyalty_identity}): salted hashes of identifying
 * details, never a detail itself, with the time each was first registered, one row per kind, hash
 * and participant ({@code INSERT ... ON
 * CONFLICT DO NOTHING}, so concurrent adds of one record in any instance keep it once). Joins the
 * calling thread's {@code JdbcUnitOfWork} on the same data source. Thread-safe; safe for many
 * application instances.
 */
public final class JdbcIdentityStore implements IdentityStore {
  private static final String SELECT = "SELECT kind, hash, p_kind, participant_id, partner_id, registered_ns "
      + "FROM loyalty_identity ";

  private final Database db;

  private JdbcIdentityStore(DataSource dataSource) {
    this.db = new Database(dataSource, "identity store");
  }

  /** The store in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcIdentityStore using(DataSource dataSource) {
    return new JdbcIdentityStore(dataSource);
  }

  @Override
  public boolean add(IdentityRecord record) {
    requireNonNull(record, "record");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_identity (kind, hash, p_kind, "
          + "participant_id, partner_id, registered_ns) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        ps.setString(1, record.kind().name());
        ps.setString(2, record.hash().hex());
        Participants.bind(ps, 3, record.participant());
        ps.setString(5, record.partner().value());
        ps.setBigDecimal(6, Nanos.of(record.registeredAt()));
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<IdentityRecord> holders(IdentityKind kind, IdentityHash hash) {
    requireNonNull(kind, "kind");
    requireNonNull(hash, "hash");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE kind = ? AND hash = ? ORDER BY added")) {
        ps.setString(1, kind.name());
        ps.setString(2, hash.hex());
        return records(ps);
      }
    });
  }

  @Override
  public List<IdentityRecord> of(ParticipantId participant) {
    requireNonNull(participant, "participant");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE p_kind = ? AND participant_id = ? "
          + "ORDER BY added")) {
        Participants.bind(ps, 1, participant);
        return records(ps);
      }
    });
  }

  private static List<IdentityRecord> records(PreparedStatement ps) throws SQLException {
    return Rows.list(ps, rs -> new IdentityRecord(IdentityKind.valueOf(rs.getString(1)), IdentityHash.of(rs.getString(2)),
        Participants.read(rs, 3), PartnerId.of(rs.getString(5)), Nanos.instant(rs.getBigDecimal(6))));
  }
}
