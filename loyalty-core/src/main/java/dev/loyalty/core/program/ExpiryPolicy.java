package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
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
      LocalDate day = earnedAt.atZone(zone).toLocalDate();
      LocalDate end = yearEnd.atYear(day.getYear());
      if (end.isBefore(day)) {
        end = yearEnd.atYear(day.getYear() + 1);
      }
      end = yearEnd.atYear(end.getYear() + extraYears);
      return Optional.of(end.plusDays(1).atStartOfDay(zone).toInstant());
    }
  }

  /**
   * Points expire {@code days} days after the day they were earned: earned on 14 March with 90
   * days, they are valid through 12 June and expire when that day ends.
   *
   * @param days 1 to 3,660
   */
  record AfterDays(int days) implements ExpiryPolicy {
    public AfterDays {
      if (days < 1 || days > 3_660) {
        throw new IllegalArgumentException("expiry days must be from 1 to 3660, got " + days);
      }
    }

    @Override
    public Optional<Instant> expiryOf(Instant earnedAt, ZoneId zone) {
      return Optional.of(endOf(earnedAt.atZone(zone).toLocalDate().plusDays(days), zone));
    }
  }

  /**
   * Points expire on the anniversary of the day they were earned, {@code months} months later:
   * earned on 14 March 2026 with 12 months, they are valid through 14 March 2027 and expire when
   * that day ends. Earned on a day the later month does not have (31 January, 1 month), the last
   * day of that month counts (28 or 29 February).
   *
   * @param months 1 to 120
   */
  record Anniversary(int months) implements ExpiryPolicy {
    public Anniversary {
      if (months < 1 || months > 120) {
        throw new IllegalArgumentException("expiry months must be from 1 to 120, got " + months);
      }
    }

    @Override
    public Optional<Instant> expiryOf(Instant earnedAt, ZoneId zone) {
      return Optional.of(endOf(earnedAt.atZone(zone).toLocalDate().plusMonths(months), zone));
    }
  }

  /** The instant {@code day} ends in {@code zone}: the start of the next day. */
  private static Instant endOf(LocalDate day, ZoneId zone) {
    return day.plusDays(1).atStartOfDay(zone).toInstant();
  }
}
