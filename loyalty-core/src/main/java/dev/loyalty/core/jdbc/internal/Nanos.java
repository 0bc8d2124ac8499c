package dev.loyalty.core.jdbc.internal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Instants as whole nanoseconds since the epoch in a {@code NUMERIC} column: exact over
 * {@link Instant}'s whole range, and ordered as the instants are (so the database can take the
 * later of two with {@code GREATEST}).
 */
public final class Nanos {
  private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000L);

  private Nanos() {
  }

  /** {@code instant} in nanoseconds. */
  public static BigDecimal of(Instant instant) {
    return BigDecimal.valueOf(instant.getEpochSecond()).multiply(BILLION).add(BigDecimal.valueOf(instant.getNano()));
  }

  /** The instant {@code nanos} nanoseconds after the epoch. */
  public static Instant instant(BigDecimal nanos) {
    BigDecimal[] parts = nanos.divideAndRemainder(BILLION);
    long seconds = parts[0].longValueExact();
    long nano = parts[1].longValueExact();
    if (nano < 0) {
      seconds--;
      nano += 1_000_000_000L;
    }
    return Instant.ofEpochSecond(seconds, nano);
  }
}
