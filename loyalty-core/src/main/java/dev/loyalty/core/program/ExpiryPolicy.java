package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When earned points expire, decided per award from the activity's own date (not the day it was
 * recorded), counting days, months and years in the program's time zone. Points expire when the
 * last day the policy gives them ends.
 */
public sealed interface ExpiryPolicy {

  /**
   * When points earned at {@code earnedAt} expire, in {@code zone}; empty if never.
   */
  Optional<Instant> expiryOf(Instant earnedAt, ZoneId zone);

  /** Points never expire. */
  enum Never implements ExpiryPolicy {
    INSTANCE;

    @Override
    public Optional<Instant> expiryOf(Instant earnedAt, ZoneId zone) {
      return Optional.empty();
    }
  }

  /**
   * Points expire at the end of the {@code months}-th month after the month they were earned in
   * (earned on 14 March with 12 months: they expire when 31 March of the next year ends).
   *
   * @param months 1 to 120
   */
  record AfterMonths(int months) implements ExpiryPolicy {
    public AfterMonths {
      if (months < 1 || months > 120) {
        throw new IllegalArgumentException("expiry months must be from 1 to 120, got " + months);
      }
    }

    @Override
    public Optional<Instant> expiryOf(Instant earnedAt, ZoneId zone) {
      YearMonth month = YearMonth.from(earnedAt.atZone(zone)).plusMonths(months + 1L);
      return Optional.of(month.atDay(1).atStartOfDay(zone).toInstant());
    }
  }

  /**
   * Points expire when the program year they were earned in ends, {@code extraYears} years later
   * (year ending 31 March, 0 extra years: points earned in May 2026 expire when 31 March 2027 ends).
   *
   * @param yearEnd    the last day of a program year; never null
   * @param extraYears 0 to 10
   */
  record EndOfProgramYear(MonthDay yearEnd, int extraYears) implements ExpiryPolicy {
    public EndOfProgramYear {
      requireNonNull(yearEnd, "yearEnd");
      if (extraYears < 0 || extraYears > 10) {
        throw new IllegalArgumentException("extra years must be from 0 to 10, got " + extraYears);
      }
    }

    @Override
    public Optional<Instant> expiryOf(Instant earnedAt, ZoneId zone) {
      LocalDate end = lastDayOfYear(earnedAt.atZone(zone).toLocalDate(), yearEnd);
      end = yearEnd.atYear(end.getYear() + extraYears);
      return Optional.of(end.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /**
     * The last day of the program year that {@code day} is in, for years that end on {@code
     * yearEnd} ({@code 02-29} ends on 28 February in other years); never null.
     */
    public static LocalDate lastDayOfYear(LocalDate day, MonthDay yearEnd) {
      LocalDate end = yearEnd.atYear(day.getYear());
      return end.isBefore(day) ? yearEnd.atYear(day.getYear() + 1) : end;
    }
  }

  /**
   * Points expire when the day {@code period} after the day they were earned ends: with 90 days,
   * earned on 14 March they are valid through 12 June; with 12 months (the anniversary), earned on
   * 14 March 2026 they are valid through 14 March 2027, and earned on 31 January with 1 month,
   * through the last day of February. The program format writes it as {@code after-days} or
   * {@code anniversary}.
   *
   * @param period positive days only (1 to 3,660) or months only (1 to 120); never null
   */
  record AfterDayEarned(Period period) implements ExpiryPolicy {
    public AfterDayEarned {
      requireNonNull(period, "period");
      boolean days = period.getYears() == 0 && period.getMonths() == 0 && period.getDays() >= 1
          && period.getDays() <= 3_660;
      boolean months = period.getYears() == 0 && period.getDays() == 0 && period.getMonths() >= 1
          && period.getMonths() <= 120;
      if (!days && !months) {
        throw new IllegalArgumentException("expiry after the day earned must be 1 to 3660 days or 1 to 120 months, got "
            + period);
      }
    }

    /** Points valid through the {@code days}-th day after the day earned. */
    public static AfterDayEarned days(int days) {
      return new AfterDayEarned(Period.ofDays(days));
    }

    /** Points valid through the same day {@code months} months later. */
    public static AfterDayEarned anniversary(int months) {
      return new AfterDayEarned(Period.ofMonths(months));
    }

    @Override
    public Optional<Instant> expiryOf(Instant earnedAt, ZoneId zone) {
      return Optional.of(endOf(earnedAt.atZone(zone).toLocalDate().plus(period), zone));
    }
  }

  /** The instant {@code day} ends in {@code zone}: the start of the next day. */
  private static Instant endOf(LocalDate day, ZoneId zone) {
    return day.plusDays(1).atStartOfDay(zone).toInstant();
  }
}
