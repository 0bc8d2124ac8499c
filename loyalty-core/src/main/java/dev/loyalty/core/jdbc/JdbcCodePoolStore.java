package dev.loyalty.core.jdbc;

import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.Rows;
import dev.loyalty.core.model.Names;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.spi.CodePoolStore;
import dev.loyalty.core.spi.RewardsStoreArguments;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The {@link CodePoolStore} in PostgreSQL: every code a pool was given, once, with the redemption
 * holding it ({@code loyalty_code}: one column, so a code is never held by two), and per pool how
 * many are free ({@code loyalty_code_pool}). Every change of a pool (a load, a claim, a release)
 * first locks the pool's row, so they go one at a time across all instances and a claim never
 * finds fewer codes than the count says, nor takes one another claim took. Joins the calling
 * thread's {@code JdbcUnitOfWork} on the same data source. Thread-safe; safe for many application
 * instances.
 */
public final class JdbcCodePoolStore implements CodePoolStore {
  private final Database db;

  private JdbcCodePoolStore(DataSource dataSource) {
    this.db = new Database(dataSource, "code pool store");
  }

  /** The code pools in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcCodePoolStore using(DataSource dataSource) {
    return new JdbcCodePoolStore(dataSource);
  }

  @Override
  public int load(String pool, List<String> codes) {
    List<String> checked = RewardsStoreArguments.requireLoad(pool, codes);
    String[] distinct = new LinkedHashSet<>(checked).toArray(String[]::new);
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_code_pool (pool, free) VALUES (?, 0) "
          + "ON CONFLICT (pool) DO UPDATE SET free = loyalty_code_pool.free")) {
        ps.setString(1, pool);
        ps.executeUpdate(); // the pool's row, locked
      }
      int added;
      // in the order given: the places are drawn after the rows are ordered
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_code (pool, code, place) "
          + "SELECT ?, code, nextval('loyalty_code_place') FROM unnest(?::VARCHAR[]) WITH ORDINALITY AS given(code, n) "
          + "ORDER BY n ON CONFLICT (pool, code) DO NOTHING")) {
        Array array = c.createArrayOf("varchar", distinct);
        ps.setString(1, pool);
        ps.setArray(2, array);
        added = ps.executeUpdate();
      }
      addFree(c, pool, added);
      return added;
    });
  }

  @Override
  public Optional<List<String>> claim(String pool, RedemptionId redemption, int count) {
    RewardsStoreArguments.requireClaim(pool, redemption, count);
    return db.run(c -> {
      OptionalLong free = lockPool(c, pool);
      List<String> before = held(c, pool, redemption);
      if (!before.isEmpty()) {
        return Optional.of(before);
      }
      if (free.orElse(0) < count) {
        return Optional.<List<String>>empty();
      }
      addFree(c, pool, -count);
      try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_code SET redemption_id = ? "
          + "WHERE pool = ? AND code IN (SELECT code FROM loyalty_code WHERE pool = ? AND redemption_id IS NULL "
          + "ORDER BY place LIMIT ?) RETURNING place, code")) {
        ps.setString(1, redemption.value());
        ps.setString(2, pool);
        ps.setString(3, pool);
        ps.setInt(4, count);
        List<String> given = codesInPlaceOrder(ps);
        if (given.size() != count) {
          // the pool's count said they were there: a row changed behind the store's back
          throw new IllegalStateException("code pool " + pool + " counts " + count + " free codes for redemption "
              + redemption + " but has " + given.size());
        }
        return Optional.of(given);
      }
    });
  }

  @Override
  public void release(String pool, RedemptionId redemption) {
    RewardsStoreArguments.requirePool(pool, redemption);
    db.run(c -> {
      if (lockPool(c, pool).isEmpty()) {
        return null; // never loaded: nothing is held
      }
      List<String> held = held(c, pool, redemption);
      // back at the front of the queue, in the order claimed: the last of them gets the first place drawn
      try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_code SET redemption_id = NULL, "
          + "place = -nextval('loyalty_code_place') WHERE pool = ? AND code = ?")) {
        for (int i = held.size() - 1; i >= 0; i--) {
          ps.setString(1, pool);
          ps.setString(2, held.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      addFree(c, pool, held.size());
      return null;
    });
  }

  @Override
  public long available(String pool) {
    Names.requireSlug(pool, "code pool");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT free FROM loyalty_code_pool WHERE pool = ?")) {
        ps.setString(1, pool);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0L;
        }
      }
    });
  }

  /**
   * Locks the row of {@code pool} until the transaction ends, so that its changes go one at a time;
   * returns how many codes it has free, or empty if it was never loaded.
   */
  private static OptionalLong lockPool(Connection c, String pool) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT free FROM loyalty_code_pool WHERE pool = ? FOR UPDATE")) {
      ps.setString(1, pool);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** The codes of {@code pool} {@code redemption} holds, in the order it was given them. */
  private static List<String> held(Connection c, String pool, RedemptionId redemption) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT place, code FROM loyalty_code "
        + "WHERE pool = ? AND redemption_id = ? ORDER BY place")) {
      ps.setString(1, pool);
      ps.setString(2, redemption.value());
      return codesInPlaceOrder(ps);
    }
  }

  /** A code and its place in its pool's queue. */
  private record Placed(long place, String code) {
  }

  /** The codes {@code ps} returns as (place, code) rows, by place. */
  private static List<String> codesInPlaceOrder(PreparedStatement ps) throws SQLException {
    return Rows.list(ps, rs -> new Placed(rs.getLong(1), rs.getString(2))).stream()
        .sorted(Comparator.comparingLong(Placed::place)).map(Placed::code).toList();
  }

  private static void addFree(Connection c, String pool, int added) throws SQLException {
    if (added == 0) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_code_pool SET free = free + ? WHERE pool = ?")) {
      ps.setInt(1, added);
      ps.setString(2, pool);
      ps.executeUpdate();
    }
  }
}
