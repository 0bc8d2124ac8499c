package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The days of a report, both ends included, counted in the program's zone: what "a period" means
 * everywhere in insights. Immutable.
 *
 * @param from the first day; never null
 * @param to   the last day, not before {@code from}; never null
 */
public record DateRange(@JsonSerialize(using = ToStringSerializer.class) LocalDate from,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate to) {
  public DateRange {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("a period cannot end (" + to + ") before it starts (" + from + ")");
    }
  }

  /** The days {@code from} to {@code to}, both included. */
  public static DateRange of(LocalDate from, LocalDate to) {
    return new DateRange(from, to);
  }

  /** Every day of {@code month}. */
  public static DateRange month(YearMonth month) {
    return new DateRange(month.atDay(1), month.atEndOfMonth());
  }

  /** How many days it has (at least 1). */
  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** The instant its first day starts in {@code zone}. */
  public Instant start(ZoneId zone) {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The instant after its last day, in {@code zone}: the period is {@code [start, end)}. */
  public Instant end(ZoneId zone) {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** Whether {@code day} is one of its days. */
  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to);
  }

  @Override
  public String toString() {
    return from + ".." + to;
  }
}
