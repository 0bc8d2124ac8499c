package dev.loyalty.core.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** How the PostgreSQL stores read a query's rows into values, one reader per kind of row. */
public final class Rows {

  private Rows() {
  }

  /** Reads one value from the current row. */
  @FunctionalInterface
  public interface Reader<T> {
    /** The value of the row {@code rs} is on. */
    T read(ResultSet rs) throws SQLException;
  }

  /** Runs {@code ps} (its parameters bound) and reads every row it returns, in order. */
  public static <T> List<T> list(PreparedStatement ps, Reader<T> reader) throws SQLException {
    List<T> values = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        values.add(reader.read(rs));
      }
    }
    return values;
  }
}
