package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.Participants;
import dev.loyalty.core.jdbc.internal.RedemptionJson;
import dev.loyalty.core.jdbc.internal.Rows;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.spi.RedemptionStore;
import dev.loyalty.core.spi.RewardsStoreArguments;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link RedemptionStore} in PostgreSQL ({@code loyalty_redemption}): the latest version of
 * each redemption as JSON, one row per id, with the columns its queries use (the paying wallet,
 * status, whether settled or paid). Filing is one {@code INSERT ... ON CONFLICT DO NOTHING} and a
 * replacement one {@code UPDATE ... WHERE revision = ?}, so of concurrent writers of one redemption
 * (in any instance) exactly one wins; a trigger refuses any other change of a row (a skipped
 * revision, another wallet or item, a final state left). Joins the calling thread's {@code
 * JdbcUnitOfWork} on the same data source. Thread-safe; safe for many application instances.
 */
public final class JdbcRedemptionStore implements RedemptionStore {
  private static final String SELECT = "SELECT redemption::text FROM loyalty_redemption ";

  private final Database db;

  private JdbcRedemptionStore(DataSource dataSource) {
    this.db = new Database(dataSource, "redemption store");
  }

  /** The redemptions in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcRedemptionStore using(DataSource dataSource) {
    return new JdbcRedemptionStore(dataSource);
  }

  @Override
  public Optional<Redemption> insertIfAbsent(Redemption redemption) {
    RewardsStoreArguments.requireFiling(redemption);
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_redemption (id, revision, w_kind, wallet_id, "
          + "partner_id, item_id, status, settled, paid, redemption) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) "
          + "ON CONFLICT (id) DO NOTHING")) {
        ps.setString(1, redemption.id().value());
        bindVersion(ps, 2, redemption);
        if (ps.executeUpdate() == 1) {
          return Optional.<Redemption>empty();
        }
      }
      // filed before (or by a writer that committed while this one waited for its row)
      return Optional.of(find(c, redemption.id()).orElseThrow(() -> new IllegalStateException("redemption "
          + redemption.id() + " was neither filed nor found")));
    });
  }

  @Override
  public boolean replace(Redemption expected, Redemption next) {
    RewardsStoreArguments.requireNextRevision(expected, next);
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_redemption SET revision = ?, w_kind = ?, "
          + "wallet_id = ?, partner_id = ?, item_id = ?, status = ?, settled = ?, paid = ?, redemption = ?::jsonb "
          + "WHERE id = ? AND revision = ?")) {
        ps.setLong(1, next.revision());
        bindVersion(ps, 2, next);
        ps.setString(10, next.id().value());
        ps.setLong(11, expected.revision());
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** Binds the wallet, partner, item, status, settled, paid and the JSON of {@code r} from {@code first} on. */
  private static void bindVersion(PreparedStatement ps, int first, Redemption r) throws SQLException {
    Participants.bind(ps, first, r.wallet());
    ps.setString(first + 2, r.partner().value());
    ps.setString(first + 3, r.item().value());
    ps.setString(first + 4, r.status().name());
    ps.setBoolean(first + 5, r.isSettled());
    ps.setBoolean(first + 6, r.payment().isPresent());
    ps.setString(first + 7, RedemptionJson.write(r));
  }

  @Override
  public Optional<Redemption> find(RedemptionId id) {
    requireNonNull(id, "id");
    return db.run(c -> find(c, id));
  }

  private static Optional<Redemption> find(Connection c, RedemptionId id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE id = ?")) {
      ps.setString(1, id.value());
      return redemptions(ps).stream().findFirst();
    }
  }

  @Override
  public List<Redemption> ofWallet(ParticipantId wallet) {
    requireNonNull(wallet, "wallet");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE w_kind = ? AND wallet_id = ? ORDER BY filed")) {
        Participants.bind(ps, 1, wallet);
        return redemptions(ps);
      }
    });
  }

  /** The wallet's index, the other items' rows skipped before their JSON is read. */
  @Override
  public List<Redemption> ofWallet(ParticipantId wallet, CatalogItemId item) {
    requireNonNull(wallet, "wallet");
    requireNonNull(item, "item");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE w_kind = ? AND wallet_id = ? AND item_id = ? "
          + "ORDER BY filed")) {
        Participants.bind(ps, 1, wallet);
        ps.setString(3, item.value());
        return redemptions(ps);
      }
    });
  }

  /** One indexed query on the {@code paid} column: no redemption of the wallet is read. */
  @Override
  public boolean paidOtherThan(ParticipantId wallet, RedemptionId except) {
    requireNonNull(wallet, "wallet");
    requireNonNull(except, "except");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM loyalty_redemption "
          + "WHERE w_kind = ? AND wallet_id = ? AND paid AND id <> ?)")) {
        Participants.bind(ps, 1, wallet);
        ps.setString(3, except.value());
        return Rows.list(ps, rs -> rs.getBoolean(1)).get(0);
      }
    });
  }

  @Override
  public List<Redemption> unsettled() {
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE NOT settled ORDER BY filed")) {
        return redemptions(ps);
      }
    });
  }

  private static List<Redemption> redemptions(PreparedStatement ps) throws SQLException {
    return List.copyOf(Rows.list(ps, rs -> RedemptionJson.read(rs.getString(1))));
  }
}
