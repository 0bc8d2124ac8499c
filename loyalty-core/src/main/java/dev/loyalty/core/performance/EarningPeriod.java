package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.program.ExpiryPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * A period in which points are counted for caps: a day, a calendar month, a calendar quarter
 * (January to March, ...), or a program year, all in the program's time zone. Points count in the
 * periods of the activity that earned them, whenever it was recorded and whenever they are taken
 * back. Immutable; ordered by first day, then length.
 *
 * @param kind  never null
 * @param first the first day; never null
 * @param last  the last day, not before {@code first}; never null
 */
public record EarningPeriod(Kind kind, LocalDate first, LocalDate last) implements Comparable<EarningPeriod> {
  private static final Comparator<EarningPeriod> ORDER = Comparator.comparing(EarningPeriod::first)
      .thenComparing(EarningPeriod::kind).thenComparing(EarningPeriod::last);

  public EarningPeriod {
    requireNonNull(kind, "kind");
    requireNonNull(first, "first");
    requireNonNull(last, "last");
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("a " + kind + " period cannot end (" + last + ") before it starts (" + first
          + ")");
    }
    if (kind == Kind.DAY && !first.equals(last)) {
      throw new IllegalArgumentException("a day period is one day, got " + first + " to " + last);
    }
  }

  /** The lengths of period points are counted in. */
  public enum Kind {
    /** One day. */
    DAY,
    /** A calendar month. */
    MONTH,
    /** A calendar quarter: January to March, April to June, July to September, October to December. */
    QUARTER,
    /**
     * A program year: ending on the program's year end ({@code Program.yearEnd()}), which is 31
     * December unless the program's expiry policy ends points with a program year.
     */
    YEAR
  }

  /**
   * The period of {@code kind} that {@code day} is in, program years ending on {@code yearEnd}.
   */
  public static EarningPeriod of(Kind kind, LocalDate day, MonthDay yearEnd) {
    requireNonNull(day, "day");
    return switch (requireNonNull(kind, "kind")) {
      case DAY -> new EarningPeriod(kind, day, day);
      case MONTH -> new EarningPeriod(kind, day.withDayOfMonth(1), YearMonth.from(day).atEndOfMonth());
      case QUARTER -> {
        LocalDate first = LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        yield new EarningPeriod(kind, first, first.plusMonths(3).minusDays(1));
      }
      case YEAR -> {
        LocalDate last = ExpiryPolicy.EndOfProgramYear.lastDayOfYear(day, requireNonNull(yearEnd, "yearEnd"));
        yield new EarningPeriod(kind, yearEnd.atYear(last.getYear() - 1).plusDays(1), last);
      }
    };
  }

  /**
   * The four periods (day, month, quarter, program year, in that order) that {@code at} is in,
   * counted in {@code zone}; never null.
   */
  public static List<EarningPeriod> of(Instant at, ZoneId zone, MonthDay yearEnd) {
    LocalDate day = at.atZone(zone).toLocalDate();
    return List.of(of(Kind.DAY, day, yearEnd), of(Kind.MONTH, day, yearEnd), of(Kind.QUARTER, day, yearEnd),
        of(Kind.YEAR, day, yearEnd));
  }

  /** Whether {@code day} is in this period. */
  public boolean contains(LocalDate day) {
    return !day.isBefore(first) && !day.isAfter(last);
  }

  /**
   * How the period reads in a sentence: {@code 2026-07-14}, {@code 2026-07}, {@code 2026-Q3}, and
   * a program year as {@code 2026} when it is the calendar year, otherwise as its first and last
   * day ({@code 2026-04-01/2027-03-31}); never null.
   */
  public String label() {
    return switch (kind) {
      case DAY -> first.toString();
      case MONTH -> YearMonth.from(first).toString();
      case QUARTER -> first.getYear() + "-Q" + ((first.getMonthValue() - 1) / 3 + 1);
      case YEAR -> first.getMonthValue() == 1 && first.getDayOfMonth() == 1 && last.equals(first.plusYears(1)
          .minusDays(1)) ? String.valueOf(first.getYear()) : first + "/" + last;
    };
  }

    // Written out: every participant's earned points are looked up by period several times per
  // activity. The record's hash (LocalDate hashes times 31) left the low bits of a day period's
  // hash constant, so a participant's days piled into a few buckets of a hash map, which turned
  // them into trees: lookups were 5-7% of recording an activity. Consecutive days now have
  // consecutive hashes (the kind goes in the high bits); equal periods share a kind and a first
  // day, so hashing those two is consistent with equals.
  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof EarningPeriod p && kind == p.kind && first.equals(p.first) && last.equals(p.last);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(first.toEpochDay()) ^ (kind.ordinal() << 24);
  }

@Override
  public int compareTo(EarningPeriod other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + label();
  }
}
