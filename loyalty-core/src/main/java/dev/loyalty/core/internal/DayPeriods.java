package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.performance.EarningPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;

/**
 * The day, and its earning periods (day, month, quarter, program year), that a time is in, in a
 * program's zone: kept for the day last asked about, with the times it starts and ends, so that a
 * time of that day (most of an activity's lookups: its figures, its earned points for the partner
 * and the member, its counting) needs neither a zoned date nor new periods, and a day's periods are
 * one instance shared by every participant's running totals. Thread-safe: the day kept is
 * immutable and published through a volatile field.
 */
final class DayPeriods {
  private final ZoneId zone;
  private final MonthDay yearEnd;
  private volatile Day last;

  DayPeriods(ZoneId zone, MonthDay yearEnd) {
    this.zone = requireNonNull(zone, "zone");
    this.yearEnd = requireNonNull(yearEnd, "yearEnd");
  }

  /** The periods of {@code at}'s day: what {@link EarningPeriod#of(Instant, ZoneId, MonthDay)} gives. */
  List<EarningPeriod> periodsOf(Instant at) {
    return dayAt(at).periods();
  }

  /** The day {@code at} is in. */
  LocalDate dayOf(Instant at) {
    return dayAt(at).day();
  }

  private Day dayAt(Instant at) {
    requireNonNull(at, "at");
    Day known = last;
    if (known != null && !at.isBefore(known.from()) && at.isBefore(known.until())) {
      return known;
    }
    LocalDate day = at.atZone(zone).toLocalDate();
    Day d = new Day(day, day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant(),
        EarningPeriod.of(at, zone, yearEnd));
    last = d;
    return d;
  }

  /** One day, from when it starts until the next starts, and its periods. */
  private record Day(LocalDate day, Instant from, Instant until, List<EarningPeriod> periods) {
  }
}
