package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.spi.StockCount;
import dev.loyalty.core.spi.StockReservation;
import dev.loyalty.core.spi.StockReservation.State;
import dev.loyalty.core.spi.RewardsStoreArguments;
import dev.loyalty.core.spi.StockStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The {@link StockStore} in PostgreSQL: per item the units held and used ({@code loyalty_stock}),
 * and one reservation per redemption ({@code loyalty_stock_reservation}). A reservation is one
 * statement on the item's row that adds the units only while held plus used units stay within the
 * declared stock given, so of threads of any number of application instances reserving the last
 * unit exactly one gets it (the others wait for its row lock and then find no unit left); taking and
 * releasing move a reservation's units in the same transaction as its row changes state, each at
 * most once. The table's checks keep the counts from going negative or past the stock. Joins the
 * calling thread's {@code JdbcUnitOfWork} on the same data source. Thread-safe; safe for many
 * application instances.
 */
public final class JdbcStockStore implements StockStore {
  private final Database db;

  private JdbcStockStore(DataSource dataSource) {
    this.db = new Database(dataSource, "stock store");
  }

  /** The stock in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcStockStore using(DataSource dataSource) {
    return new JdbcStockStore(dataSource);
  }

  @Override
  public Optional<StockReservation> reserve(CatalogItemId item, RedemptionId redemption, long units,
      OptionalLong stock) {
    RewardsStoreArguments.requireReservation(item, redemption, units, stock);
    return db.run(c -> {
      Optional<StockReservation> before = find(c, redemption, false);
      if (before.isPresent()) {
        return Optional.of(RewardsStoreArguments.sameReservation(before.get(), item, units));
      }
      // the item's row gets the units only if they fit (a new row only if they fit the stock given);
      // the reservation is written from what that statement returns, so no units are counted without it
      try (PreparedStatement ps = c.prepareStatement("WITH counted AS ("
          + "INSERT INTO loyalty_stock AS s (item_id, reserved, used, declared) "
          + "SELECT ?, ?, 0, ? WHERE ?::BIGINT IS NULL OR ? <= ? "
          + "ON CONFLICT (item_id) DO UPDATE SET reserved = s.reserved + excluded.reserved, declared = excluded.declared "
          + "WHERE excluded.declared IS NULL OR s.reserved + s.used + excluded.reserved <= excluded.declared "
          + "RETURNING item_id) "
          + "INSERT INTO loyalty_stock_reservation (redemption_id, item_id, units, state) "
          + "SELECT ?, item_id, ?, 'H' FROM counted")) {
        ps.setString(1, item.value());
        ps.setLong(2, units);
        for (int i : new int[] {3, 4, 6}) {
          if (stock.isPresent()) {
            ps.setLong(i, stock.getAsLong());
          } else {
            ps.setNull(i, Types.BIGINT);
          }
        }
        ps.setLong(5, units);
        ps.setString(7, redemption.value());
        ps.setLong(8, units);
        return ps.executeUpdate() == 1 ? Optional.of(new StockReservation(redemption, item, units, State.HELD))
            : Optional.<StockReservation>empty();
      }
    });
  }

  @Override
  public Optional<StockReservation> take(RedemptionId redemption) {
    return moveTo(redemption, State.TAKEN);
  }

  @Override
  public Optional<StockReservation> release(RedemptionId redemption) {
    return moveTo(redemption, State.RELEASED);
  }

  /** Moves the reservation of {@code redemption} to {@code next} unless it is there already (or there is none). */
  private Optional<StockReservation> moveTo(RedemptionId redemption, State next) {
    requireNonNull(redemption, "redemption");
    return db.run(c -> {
      Optional<StockReservation> r = find(c, redemption, true);
      if (r.isEmpty() || r.get().state() == next) {
        return r;
      }
      if (r.get().state() == State.RELEASED) {
        throw new IllegalStateException("the stock of redemption " + redemption + " was released and cannot be taken");
      }
      return Optional.of(move(c, r.get(), next));
    });
  }

  /** Moves {@code r} (its row locked) to {@code next}, and its units out of its state's count into next's. */
  private static StockReservation move(Connection c, StockReservation r, State next) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("WITH moved AS (UPDATE loyalty_stock_reservation SET state = ? "
        + "WHERE redemption_id = ?) UPDATE loyalty_stock SET reserved = reserved - ?, used = used + ? "
        + "WHERE item_id = ?")) {
      ps.setString(1, code(next));
      ps.setString(2, r.redemption().value());
      ps.setLong(3, r.state() == State.HELD ? r.units() : 0);
      long used = next == State.TAKEN ? r.units() : r.state() == State.TAKEN ? -r.units() : 0;
      ps.setLong(4, used);
      ps.setString(5, r.item().value());
      ps.executeUpdate();
    }
    return r.in(next);
  }

  @Override
  public Optional<StockReservation> reservation(RedemptionId redemption) {
    requireNonNull(redemption, "redemption");
    return db.run(c -> find(c, redemption, false));
  }

  @Override
  public StockCount count(CatalogItemId item) {
    requireNonNull(item, "item");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT reserved, used FROM loyalty_stock WHERE item_id = ?")) {
        ps.setString(1, item.value());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? new StockCount(rs.getLong(1), rs.getLong(2)) : new StockCount(0, 0);
        }
      }
    });
  }

  /** The reservation of {@code redemption}, its row locked until the transaction ends if {@code lock}. */
  private static Optional<StockReservation> find(Connection c, RedemptionId redemption, boolean lock)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT item_id, units, state FROM loyalty_stock_reservation "
        + "WHERE redemption_id = ?" + (lock ? " FOR UPDATE" : ""))) {
      ps.setString(1, redemption.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new StockReservation(redemption, CatalogItemId.of(rs.getString(1)),
            rs.getLong(2), state(rs.getString(3)))) : Optional.empty();
      }
    }
  }

  private static String code(State state) {
    return state.name().substring(0, 1);
  }

  private static State state(String code) {
    return switch (code) {
      case "H" -> State.HELD;
      case "T" -> State.TAKEN;
      case "R" -> State.RELEASED;
      default -> throw new IllegalStateException("a stored stock reservation has an unknown state '" + code + "'");
    };
  }
}
