package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/**
 * What a redemption limit counts over: calendar periods in the program's zone, or the whole life
 * of the program. Calendar periods because that is how a host explains a limit ("one per month"),
 * and because a rolling window would move the day a participant may redeem again with each
 * redemption.
 */
public enum LimitPeriod {
  /** A calendar month. */
  MONTH,
  /** A calendar quarter: January to March, April to June, and so on. */
  QUARTER,
  /** A calendar year. */
  YEAR,
  /** No period: the limit counts every redemption ever made. */
  LIFETIME;

  /** The period's name in the catalog's JSON: {@code "month"}, {@code "quarter"}, {@code "year"}, {@code "lifetime"}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The days of the period {@code day} falls in (every day for {@link #LIFETIME}). */
  public DateSpan spanContaining(LocalDate day) {
    requireNonNull(day, "day");
    YearMonth month = YearMonth.from(day);
    return switch (this) {
      case MONTH -> DateSpan.of(month.atDay(1), month.atEndOfMonth());
      case QUARTER -> {
        YearMonth firstMonth = month.withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
        yield DateSpan.of(firstMonth.atDay(1), firstMonth.plusMonths(2).atEndOfMonth());
      }
      case YEAR -> DateSpan.of(day.withDayOfYear(1), day.withDayOfYear(day.lengthOfYear()));
      case LIFETIME -> DateSpan.always();
    };
  }
}
