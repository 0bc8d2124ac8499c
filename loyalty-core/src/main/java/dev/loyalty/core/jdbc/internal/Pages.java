package dev.loyalty.core.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * How the PostgreSQL stores page through rows in the order they were inserted (a {@code BIGSERIAL}
 * column {@code inserted}): from after a known row, at most a limit.
 */
public final class Pages {

  private Pages() {
  }

  /**
   * The {@code inserted} number of the row of {@code table} whose id is {@code after}, 0 when empty
   * (from the first row).
   *
   * @param what names a row in the message of an unknown {@code after} ("claim")
   * @throws IllegalArgumentException if there is no such row
   */
  public static long insertedOf(Connection c, String table, Optional<String> after, String what)
      throws SQLException {
    if (after.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT inserted FROM " + table + " WHERE id = ?")) {
      ps.setString(1, after.get());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("there is no " + what + " " + after.get() + " to list after");
        }
        return rs.getLong(1);
      }
    }
  }

  /** Refuses a page of fewer than one row. */
  public static void requireLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
  }
}
