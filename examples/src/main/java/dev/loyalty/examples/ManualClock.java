package dev.loyalty.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UTC clock that stands still until its owner moves it forward, so that the demo prints the
 * same on every run and the benchmarks can make lots expire on demand. Thread-safe: the time is
 * one {@link AtomicLong} of epoch milliseconds.
 */
public final class ManualClock extends Clock {

  private final AtomicLong epochMillis;

  /** A clock showing {@code start}. */
  public ManualClock(Instant start) {
    this.epochMillis = new AtomicLong(start.toEpochMilli());
  }

  /** Moves the clock forward by {@code step} and returns the new time. */
  public Instant advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward, not by " + step);
    }
    return Instant.ofEpochMilli(epochMillis.addAndGet(step.toMillis()));
  }

  /** Moves the clock forward to {@code instant}. */
  public void moveTo(Instant instant) {
    long target = instant.toEpochMilli();
    long now = epochMillis.getAndAccumulate(target, Math::max);
    if (target < now) {
      throw new IllegalArgumentException("the clock only moves forward: it shows " + Instant.ofEpochMilli(now)
          + ", not " + instant);
    }
  }

  @Override
  public long millis() {
    return epochMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(epochMillis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (ZoneOffset.UTC.equals(zone)) {
      return this;
    }
    throw new UnsupportedOperationException("this clock is UTC only");
  }
}
