package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.insights.TierMove;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.Rows;
import dev.loyalty.core.jdbc.internal.Nanos;
import dev.loyalty.core.jdbc.internal.Participants;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.spi.TierHistory;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link TierHistory} in PostgreSQL ({@code loyalty_tier_move}): one row per move, keyed by its
 * id, so that of concurrent appends of one id (in any instance) exactly one inserts it. Joins the
 * calling thread's {@code JdbcUnitOfWork} on the same data source: on an engine built with {@code
 * postgres(dataSource)} a move commits with the activity or tier review that made it, or not at all.
 * Thread-safe; safe for many application instances.
 */
public final class JdbcTierHistory implements TierHistory {
  private static final String COLUMNS = "SELECT id, kind, participant_id, from_tier, to_tier, effective_ns, reason "
      + "FROM loyalty_tier_move ";

  private final Database db;

  private JdbcTierHistory(DataSource dataSource) {
    this.db = new Database(dataSource, "tier history");
  }

  /** The history in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcTierHistory using(DataSource dataSource) {
    return new JdbcTierHistory(dataSource);
  }

  @Override
  public boolean append(TierMove move) {
    JdbcUnitOfWork.DeferredWrite insert = insertOf(move);
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(insert.sql())) {
        insert.bind(c, ps, 1);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** In the caller's unit of work, sent with its {@code COMMIT}. */
  @Override
  public void record(TierMove move) {
    db.write(insertOf(move));
  }

  private static JdbcUnitOfWork.DeferredWrite insertOf(TierMove move) {
    requireNonNull(move, "move");
    return JdbcUnitOfWork.DeferredWrite.of("INSERT INTO loyalty_tier_move (id, kind, participant_id, from_tier, "
        + "to_tier, effective_ns, reason) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", (c, ps, first) -> {
          ps.setString(first, move.id());
          Participants.bind(ps, first + 1, move.participant());
          ps.setString(first + 3, move.from().map(TierId::value).orElse(null));
          ps.setString(first + 4, move.to().map(TierId::value).orElse(null));
          ps.setBigDecimal(first + 5, Nanos.of(move.effectiveAt()));
          ps.setString(first + 6, move.reason());
          return first + 7;
        });
  }

  @Override
  public List<TierMove> of(ParticipantId participant) {
    requireNonNull(participant, "participant");
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(COLUMNS + "WHERE kind = ? AND participant_id = ? "
          + "ORDER BY appended")) {
        Participants.bind(ps, 1, participant);
        return read(ps);
      }
    });
  }

  @Override
  public List<TierMove> moves() {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(COLUMNS + "ORDER BY appended")) {
        return read(ps);
      }
    });
  }

  private static List<TierMove> read(PreparedStatement ps) throws SQLException {
    return Rows.list(ps, rs -> new TierMove(rs.getString(1), Participants.read(rs, 2),
        Optional.ofNullable(rs.getString(4)).map(TierId::of), Optional.ofNullable(rs.getString(5)).map(TierId::of),
        Nanos.instant(rs.getBigDecimal(6)), rs.getString(7)));
  }
}
