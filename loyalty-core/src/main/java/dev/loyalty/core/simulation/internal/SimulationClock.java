package dev.loyalty.core.simulation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A simulation's clock: it stands still until the simulation moves it, and only forward, to the
 * activity being recorded or the period being closed. So "now" is the simulated present, the engine
 * refuses nothing as future-dated, and two runs of one stream see the same instants. Moved by one
 * thread at a time (the simulation's); read by any.
 */
public final class SimulationClock extends Clock {
  private volatile Instant now;

  /** A clock standing at {@code start}. */
  public SimulationClock(Instant start) {
    this.now = start;
  }

  /** Moves to {@code instant} if it is later than now; never back. */
  public void advanceTo(Instant instant) {
    if (instant.isAfter(now)) {
      now = instant;
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a simulation's clock has one zone, UTC");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
