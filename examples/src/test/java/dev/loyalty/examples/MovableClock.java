package dev.loyalty.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock a host's test gives the engine (which reads time only through its {@code Clock}) and
 * moves on by hand, as the outsider tests do to reach deadlines and timeouts. Used by one thread.
 */
final class MovableClock extends Clock {
  private Instant now;

  MovableClock(Instant start) {
    this.now = start;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the outsider tests read instants only");
  }

  @Override
  public Instant instant() {
    return now;
  }

  void advance(Duration by) {
    now = now.plus(by);
  }
}
