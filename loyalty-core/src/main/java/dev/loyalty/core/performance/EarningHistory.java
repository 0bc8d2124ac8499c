package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The points one participant earned, per period (every day, month, quarter and program year it
 * earned in), each period's points per rule and campaign. Immutable and thread-safe; {@link
 * #plus} returns a new history.
 *
 * <p>A history grows by a day period for every day with points. So that adding to it does not
 * copy every day ever earned, the days are kept per month and a change copies only its own
 * month's days and the (few) longer periods.
 */
public final class EarningHistory {
  private static final EarningHistory EMPTY = new EarningHistory(Map.of(), Map.of());

  /** Months, quarters and years. */
  private final Map<EarningPeriod, PointTotals> longer;
  /** Days, by the month they are in. */
  private final Map<YearMonth, Map<LocalDate, PointTotals>> days;

  private EarningHistory(Map<EarningPeriod, PointTotals> longer, Map<YearMonth, Map<LocalDate, PointTotals>> days) {
    this.longer = longer;
    this.days = days;
  }

  /** No points earned. */
  public static EarningHistory empty() {
    return EMPTY;
  }

  /**
   * The history with {@code totals} per period (what a store read back); periods without points
   * are left out; never null.
   */
  public static EarningHistory of(Map<EarningPeriod, PointTotals> totals) {
    Map<EarningPeriod, PointTotals> longer = new HashMap<>();
    Map<YearMonth, Map<LocalDate, PointTotals>> days = new HashMap<>();
    requireNonNull(totals, "totals").forEach((period, points) -> {
      requireNonNull(period, "period");
      if (requireNonNull(points, "points").isEmpty()) {
        return;
      }
      if (period.kind() == EarningPeriod.Kind.DAY) {
        days.computeIfAbsent(YearMonth.from(period.first()), m -> new HashMap<>()).put(period.first(), points);
      } else {
        longer.put(period, points);
      }
    });
    Map<YearMonth, Map<LocalDate, PointTotals>> frozen = new HashMap<>();
    days.forEach((month, ofMonth) -> frozen.put(month, Map.copyOf(ofMonth)));
    return new EarningHistory(Map.copyOf(longer), Map.copyOf(frozen));
  }

  /** The points of {@code period}; {@link PointTotals#NONE} if none; never null. */
  public PointTotals in(EarningPeriod period) {
    PointTotals points;
    if (requireNonNull(period, "period").kind() == EarningPeriod.Kind.DAY) {
      Map<LocalDate, PointTotals> month = days.get(YearMonth.from(period.first()));
      points = month == null ? null : month.get(period.first());
    } else {
      points = longer.get(period);
    }
    return points == null ? PointTotals.NONE : points;
  }

  /** Every period with points, in order; never null. */
  public SortedMap<EarningPeriod, PointTotals> all() {
    SortedMap<EarningPeriod, PointTotals> all = new TreeMap<>(longer);
    days.values().forEach(month -> month.forEach((day, points) -> all.put(new EarningPeriod(EarningPeriod.Kind.DAY,
        day, day), points)));
    return Collections.unmodifiableSortedMap(all);
  }

  /** Whether no points were ever counted (or every period came back to zero). */
  public boolean isEmpty() {
    return longer.isEmpty() && days.isEmpty();
  }

  /**
   * This history with {@code c}'s points added in each of its periods.
   *
   * @throws ArithmeticException if a total overflows a {@code long}
   */
  public EarningHistory plus(PointsContribution c) {
    if (c.points().isEmpty()) {
      return this;
    }
    // each map is copied once however many of its periods change; the maps of this history stay as they are
    Map<EarningPeriod, PointTotals> newLonger = null;
    Map<YearMonth, Map<LocalDate, PointTotals>> newDays = null;
    for (EarningPeriod period : c.periods()) {
      PointTotals sum = in(period).plus(c.points());
      if (period.kind() == EarningPeriod.Kind.DAY) {
        YearMonth month = YearMonth.from(period.first());
        Map<LocalDate, PointTotals> ofMonth = new HashMap<>(days.getOrDefault(month, Map.of()));
        put(ofMonth, period.first(), sum);
        newDays = newDays == null ? new HashMap<>(days) : newDays;
        put(newDays, month, Collections.unmodifiableMap(ofMonth));
      } else {
        newLonger = newLonger == null ? new HashMap<>(longer) : newLonger;
        put(newLonger, period, sum);
      }
    }
    return new EarningHistory(newLonger == null ? longer : Collections.unmodifiableMap(newLonger),
        newDays == null ? days : Collections.unmodifiableMap(newDays));
  }

  /** Puts {@code value}, or removes the key when it is empty (no points, no days). */
  private static <K, V> void put(Map<K, V> map, K key, V value) {
    boolean empty = value instanceof PointTotals t ? t.isEmpty() : ((Map<?, ?>) value).isEmpty();
    if (empty) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EarningHistory other && longer.equals(other.longer) && days.equals(other.days);
  }

  @Override
  public int hashCode() {
    return longer.hashCode() * 31 + days.hashCode();
  }

  @Override
  public String toString() {
    return "earned " + all();
  }
}
