package dev.loyalty.core.json.internal;

import java.time.DateTimeException;
import java.time.Month;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts java.time's refusal of a date or time that has the right shape but does not exist in the
 * document author's terms ("there is no February 30" instead of "Invalid date 'FEBRUARY 30'"), so
 * that a message says what is actually wrong. Stateless and thread-safe.
 */
public final class DateProblems {
  private static final Pattern INVALID_DATE = Pattern.compile("Invalid date '([A-Za-z]+) (\\d+)'");
  private static final Pattern NOT_LEAP = Pattern.compile("Invalid date 'February 29' as '(-?\\d+)' is not a leap year");
  private static final Pattern OUT_OF_RANGE =
      Pattern.compile("Invalid value for (\\w+) \\(valid values (-?\\d+) - (-?\\d+)\\): (-?\\d+)");
  private static final Pattern NO_SUCH_MONTH = Pattern.compile("Invalid value for MonthOfYear: (-?\\d+)");
  private static final Pattern NO_SUCH_DAY =
      Pattern.compile("Illegal value for DayOfMonth field, value (\\d+) is not valid for month ([A-Z]+)");
  private static final Map<String, String> FIELDS = Map.of("MonthOfYear", "month", "DayOfMonth", "day",
      "HourOfDay", "hour", "MinuteOfHour", "minute", "SecondOfMinute", "second", "Year", "year",
      "OffsetSeconds", "offset (in seconds)");

  private DateProblems() {
  }

  /**
   * Why the text {@code e} refused does not exist, when it had the right shape; empty when the
   * shape itself was wrong (then only the expected shape helps the author).
   */
  public static Optional<String> reason(DateTimeException e) {
    Throwable cause = e instanceof DateTimeParseException && e.getCause() != null ? e.getCause() : e;
    String message = String.valueOf(cause.getMessage());
    Matcher m = NOT_LEAP.matcher(message);
    if (m.find()) {
      return Optional.of(m.group(1) + " is not a leap year, so there is no February 29");
    }
    m = INVALID_DATE.matcher(message);
    if (m.find()) {
      return Optional.of("there is no " + monthName(m.group(1)) + " " + m.group(2));
    }
    m = NO_SUCH_DAY.matcher(message);
    if (m.find()) {
      return Optional.of("there is no " + monthName(m.group(2)) + " " + m.group(1));
    }
    m = NO_SUCH_MONTH.matcher(message);
    if (m.find()) {
      return Optional.of("month " + m.group(1) + " is out of range (1 to 12)");
    }
    m = OUT_OF_RANGE.matcher(message);
    if (m.find()) {
      return Optional.of(FIELDS.getOrDefault(m.group(1), m.group(1)) + " " + m.group(4) + " is out of range ("
          + m.group(2) + " to " + m.group(3) + ")");
    }
    return Optional.empty();
  }

  /**
   * The problem of {@code text}: "'2026-02-30' is not a real date: there is no February 30" when it
   * does not exist, else "'2026/02/03' is not {@code expected}".
   *
   * @param noun what the value is ("date", "month")
   */
  public static String describe(String text, DateTimeException e, String noun, String expected) {
    return reason(e).map(why -> "'" + text + "' is not a real " + noun + ": " + why)
        .orElse("'" + text + "' is not " + expected);
  }

  private static String monthName(String upperOrTitle) {
    try {
      String name = Month.valueOf(upperOrTitle.toUpperCase(Locale.ROOT)).name();
      return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return upperOrTitle;
    }
  }
}
