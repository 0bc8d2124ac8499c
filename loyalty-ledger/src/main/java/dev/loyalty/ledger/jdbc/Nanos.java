package dev.loyalty.ledger.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/**
 * Instants as exact nanoseconds since the epoch in {@code NUMERIC(21)} columns: SQL timestamps
 * keep microseconds and a {@code BIGINT} of nanoseconds spans only 1677 to 2262, where the ledger
 * accepts 0001-01-01 to 9999-12-31 to the nanosecond.
 */
final class Nanos {

  private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

  /**
   * Sorts after every instant the ledger accepts (9999-12-31T23:59:59.999999999Z is about
   * 2.5e20 ns): what a lot that never expires sorts by, in {@link LedgerSql#SPEND_ORDER}.
   */
  static final BigDecimal NEVER = new BigDecimal("1000000000000000000000");

  private Nanos() {}

  static BigDecimal of(Instant instant) {
    return new BigDecimal(BigInteger.valueOf(instant.getEpochSecond()).multiply(BILLION)
        .add(BigInteger.valueOf(instant.getNano())));
  }

  static Instant instant(BigDecimal nanos) {
    BigInteger[] qr = nanos.toBigIntegerExact().divideAndRemainder(BILLION);
    BigInteger seconds = qr[0];
    BigInteger rest = qr[1];
    if (rest.signum() < 0) { // floor, not truncation, for instants before the epoch
      seconds = seconds.subtract(BigInteger.ONE);
      rest = rest.add(BILLION);
    }
    return Instant.ofEpochSecond(seconds.longValueExact(), rest.longValueExact());
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return instant(rs.getBigDecimal(column));
  }

  static void set(PreparedStatement ps, int index, Optional<Instant> instant) throws SQLException {
    if (instant.isPresent()) {
      ps.setBigDecimal(index, of(instant.get()));
    } else {
      ps.setNull(index, Types.NUMERIC);
    }
  }

  static Optional<Instant> get(ResultSet rs, String column) throws SQLException {
    BigDecimal v = rs.getBigDecimal(column);
    return v == null ? Optional.empty() : Optional.of(instant(v));
  }
}
