package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.insights.EarnedBadge;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.Nanos;
import dev.loyalty.core.jdbc.internal.Participants;
import dev.loyalty.core.jdbc.internal.Rows;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.BadgeStore;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link BadgeStore} in PostgreSQL ({@code loyalty_badge}): one row per earned badge, keyed by
 * its id, so that of concurrent awards of one id (in any instance) exactly one files it. Joins the
 * calling thread's {@code JdbcUnitOfWork} on the same data source: on an engine built with {@code
 * postgres(dataSource)} an activity's badges commit with the activity, or not at all. Thread-safe;
 * safe for many application instances.
 */
public final class JdbcBadgeStore implements BadgeStore {
  private final Database db;

  private JdbcBadgeStore(DataSource dataSource) {
    this.db = new Database(dataSource, "badge store");
  }

  /** The badges in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcBadgeStore using(DataSource dataSource) {
    return new JdbcBadgeStore(dataSource);
  }

  @Override
  public boolean award(EarnedBadge badge) {
    requireNonNull(badge, "badge");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_badge (id, kind, participant_id, badge, "
          + "rule_id, rule_version, reason, activity_id, redemption_id, earned_ns) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
        ps.setString(1, badge.id());
        Participants.bind(ps, 2, badge.participant());
        ps.setString(4, badge.badge());
        ps.setString(5, badge.rule().ruleId());
        ps.setString(6, badge.rule().version());
        ps.setString(7, badge.reason());
        ps.setString(8, badge.activity().map(ActivityId::value).orElse(null));
        ps.setString(9, badge.redemption().map(RedemptionId::value).orElse(null));
        ps.setBigDecimal(10, Nanos.of(badge.earnedAt()));
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<EarnedBadge> of(ParticipantId participant) {
    requireNonNull(participant, "participant");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, participant_id, badge, rule_id, rule_version, "
          + "reason, activity_id, redemption_id, earned_ns FROM loyalty_badge WHERE kind = ? AND participant_id = ? "
          + "ORDER BY filed")) {
        Participants.bind(ps, 1, participant);
        return Rows.list(ps, rs -> new EarnedBadge(rs.getString(1), Participants.read(rs, 2), rs.getString(4),
            RuleRef.of(rs.getString(5), rs.getString(6)), rs.getString(7),
            Optional.ofNullable(rs.getString(8)).map(ActivityId::of),
            Optional.ofNullable(rs.getString(9)).map(RedemptionId::of), Nanos.instant(rs.getBigDecimal(10))));
      }
    });
  }
}
