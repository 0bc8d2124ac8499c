package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.insights.internal.Decimals;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An amount of money per calendar month, for every month from {@link #start()} to {@link #end()}
 * without gaps: a month with nothing recorded is a zero month. Amounts may be negative (a month
 * whose returns exceed its sales). Immutable and thread-safe; equality compares amounts by value
 * ({@code 10.0} equals {@code 10}).
 *
 * @param currency the currency of every amount; never null
 * @param start    the first month; never null
 * @param amounts  one amount per month from {@code start}, at least one and at most
 *                 {@value #MAX_MONTHS}; never null, no null element
 */
public record MonthlySeries(Currency currency, YearMonth start, List<BigDecimal> amounts) {
  /** The longest series accepted: a century of months, far beyond any sales history. */
  public static final int MAX_MONTHS = 1200;

  public MonthlySeries {
    requireNonNull(currency, "currency");
    requireNonNull(start, "start");
    requireNonNull(amounts, "amounts");
    if (amounts.isEmpty()) {
      throw new IllegalArgumentException("a monthly series of " + currency + " from " + start
          + " needs at least one month, got none");
    }
    if (amounts.size() > MAX_MONTHS) {
      throw new IllegalArgumentException("a monthly series holds at most " + MAX_MONTHS + " months, got "
          + amounts.size() + " from " + start);
    }
    try {
      start.plusMonths(amounts.size() - 1L);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("a monthly series of " + amounts.size() + " months from " + start
          + " ends after the last representable month", e);
    }
    List<BigDecimal> normalised = new ArrayList<>(amounts.size());
    for (int i = 0; i < amounts.size(); i++) {
      BigDecimal amount = amounts.get(i);
      if (amount == null) {
        throw new IllegalArgumentException("the amount of " + start.plusMonths(i) + " is missing (null)");
      }
      normalised.add(Decimals.plain(amount));
    }
    amounts = Collections.unmodifiableList(normalised);
  }

  /** {@code amounts}, one per month from {@code start}. */
  public static MonthlySeries of(Currency currency, YearMonth start, List<BigDecimal> amounts) {
    return new MonthlySeries(currency, start, amounts);
  }

  /**
   * The months of {@code amounts} from its earliest key to its latest, the months between them that
   * it lacks as zero months.
   *
   * @throws IllegalArgumentException if {@code amounts} is empty
   */
  public static MonthlySeries of(Currency currency, Map<YearMonth, BigDecimal> amounts) {
    requireNonNull(amounts, "amounts");
    if (amounts.isEmpty()) {
      throw new IllegalArgumentException("a monthly series of " + requireNonNull(currency, "currency")
          + " needs at least one month, got none");
    }
    TreeMap<YearMonth, BigDecimal> sorted = new TreeMap<>();
    sorted.putAll(amounts);
    return window(currency, sorted.firstKey(), sorted.lastKey(), sorted);
  }

  /** A zero month for every month from {@code from} to {@code through}, both included. */
  public static MonthlySeries zeros(Currency currency, YearMonth from, YearMonth through) {
    return window(currency, from, through, Map.of());
  }

  /**
   * The month-by-month sum of {@code series} over the months any of them covers (the earliest
   * start to the latest end), for a region's or a category's total.
   *
   * @throws IllegalArgumentException  if {@code series} is empty
   * @throws CurrencyMismatchException if two series are in different currencies
   */
  public static MonthlySeries sum(Collection<MonthlySeries> series) {
    requireNonNull(series, "series");
    if (series.isEmpty()) {
      throw new IllegalArgumentException("a sum of monthly series needs at least one series, got none");
    }
    MonthlySeries total = null;
    for (MonthlySeries s : series) {
      total = total == null ? requireNonNull(s, "series element") : total.plus(s);
    }
    return total;
  }

  /** The last month; never null. */
  public YearMonth end() {
    return start.plusMonths(amounts.size() - 1L);
  }

  /** The number of months, at least one. */
  public int length() {
    return amounts.size();
  }

  /** The amount of each month, in month order; never null, unmodifiable. */
  public NavigableMap<YearMonth, BigDecimal> asMap() {
    TreeMap<YearMonth, BigDecimal> map = new TreeMap<>();
    for (int i = 0; i < amounts.size(); i++) {
      map.put(start.plusMonths(i), amounts.get(i));
    }
    return Collections.unmodifiableNavigableMap(map);
  }

  /**
   * The month-by-month sum of this series and {@code other}, over the months either covers; a month
   * only one of them covers counts the other's as zero.
   *
   * @throws CurrencyMismatchException if {@code other} is in another currency
   */
  public MonthlySeries plus(MonthlySeries other) {
    requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new CurrencyMismatchException("the series " + range(), currency, "the series " + other.range(),
          other.currency);
    }
    YearMonth first = start.isBefore(other.start) ? start : other.start;
    YearMonth last = end().isAfter(other.end()) ? end() : other.end();
    List<BigDecimal> sum = zeroList(first, last);
    addInto(sum, first, this);
    addInto(sum, first, other);
    return new MonthlySeries(currency, first, sum);
  }

  /**
   * The months of this series up to {@code last}, both included: the history as it was known at
   * the end of {@code last}.
   *
   * @throws IllegalArgumentException if {@code last} is before {@link #start()}
   */
  public MonthlySeries through(YearMonth last) {
    requireNonNull(last, "last");
    if (last.isBefore(start)) {
      throw new IllegalArgumentException("the series " + range() + " has no month up to " + last);
    }
    if (!last.isBefore(end())) {
      return this;
    }
    return new MonthlySeries(currency, start, amounts.subList(0, monthsBetween(start, last) + 1));
  }

  /** "2024-01..2025-12", for messages; never null. */
  String range() {
    return start + ".." + end();
  }

  @Override
  public String toString() {
    return "MonthlySeries[" + currency + " " + range() + " " + amounts + "]";
  }

  static int monthsBetween(YearMonth from, YearMonth to) {
    return Math.toIntExact(ChronoUnit.MONTHS.between(from, to));
  }

  private static void addInto(List<BigDecimal> sum, YearMonth first, MonthlySeries s) {
    int offset = monthsBetween(first, s.start);
    for (int i = 0; i < s.amounts.size(); i++) {
      sum.set(offset + i, sum.get(offset + i).add(s.amounts.get(i)));
    }
  }

  /** A zero for every month from {@code from} to {@code through}, refused before allocating if too long. */
  private static List<BigDecimal> zeroList(YearMonth from, YearMonth through) {
    requireNonNull(from, "from");
    requireNonNull(through, "through");
    if (through.isBefore(from)) {
      throw new IllegalArgumentException("a monthly series from " + from + " through " + through
          + " would end before it starts");
    }
    long months = ChronoUnit.MONTHS.between(from, through) + 1;
    if (months > MAX_MONTHS) {
      throw new IllegalArgumentException("a monthly series holds at most " + MAX_MONTHS + " months, got "
          + months + " from " + from + " through " + through);
    }
    return new ArrayList<>(Collections.nCopies((int) months, BigDecimal.ZERO));
  }

  /**
   * Every month from {@code from} to {@code through}, with the amounts of {@code amounts} (all of
   * whose keys lie in that range) and zeros for the others.
   */
  static MonthlySeries window(Currency currency, YearMonth from, YearMonth through,
      Map<YearMonth, BigDecimal> amounts) {
    List<BigDecimal> list = zeroList(from, through);
    amounts.forEach((month, amount) -> list.set(monthsBetween(from, month), amount));
    return new MonthlySeries(currency, from, list);
  }
}
