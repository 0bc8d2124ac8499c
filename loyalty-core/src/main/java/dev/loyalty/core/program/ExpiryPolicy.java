package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;

/** When earned points expire, decided per award from the activity's date. */
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
      LocalDate day = earnedAt.atZone(zone).toLocalDate();
      LocalDate end = yearEnd.atYear(day.getYear());
      if (end.isBefore(day)) {
        end = yearEnd.atYear(day.getYear() + 1);
      }
      end = yearEnd.atYear(end.getYear() + extraYears);
      return Optional.of(end.plusDays(1).atStartOfDay(zone).toInstant());
    }
  }
}
