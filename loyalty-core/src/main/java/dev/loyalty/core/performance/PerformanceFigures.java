package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

/**
 * A participant's figures as of a time, over the program's trailing window of calendar months
 * (which includes the current month). What rules and tier criteria read.
 *
 * @param participant          never null
 * @param asOf                 never null
 * @param windowMonths         the window's length in months, positive
 * @param windowSales          net sales in the window; never null
 * @param priorWindowSales     net sales in the same number of months before it; never null
 * @param windowSalesByCategory net sales per category in the window, positive ones only; never null
 * @param windowOrders         invoices in the window
 * @param monthSales           net sales in the current calendar month; never null
 * @param monthOrders          invoices in the current calendar month
 * @param consistencyMonths    calendar months in a row with at least one invoice, ending with the
 *                             current month (or the previous one, while the current has none yet)
 * @param lifetimeOrders       every invoice ever recorded
 * @param lastActivity         the latest activity before this one; never null
 * @param certifications       certifications valid on {@code asOf}'s day; never null
 * @param bestMonthSales       the highest net sales of any calendar month before the current one;
 *                             zero when none had positive sales; never null
 * @param monthsWithSales      calendar months before the current one with positive net sales
 */
public record PerformanceFigures(
    ParticipantId participant,
    Instant asOf,
    int windowMonths,
    Money windowSales,
    Money priorWindowSales,
    Map<String, Money> windowSalesByCategory,
    long windowOrders,
    Money monthSales,
    long monthOrders,
    int consistencyMonths,
    long lifetimeOrders,
    Optional<Instant> lastActivity,
    Set<String> certifications,
    Money bestMonthSales,
    int monthsWithSales) {

  public PerformanceFigures {
    requireNonNull(participant, "participant");
    requireNonNull(asOf, "asOf");
    requireNonNull(windowSales, "windowSales");
    requireNonNull(priorWindowSales, "priorWindowSales");
    // a figures window's map is immutable already: kept without a copy
    windowSalesByCategory = requireNonNull(windowSalesByCategory, "windowSalesByCategory") instanceof CategoryTotals
        ? windowSalesByCategory : Map.copyOf(windowSalesByCategory);
    requireNonNull(monthSales, "monthSales");
    requireNonNull(lastActivity, "lastActivity");
    certifications = Set.copyOf(requireNonNull(certifications, "certifications"));
    requireNonNull(bestMonthSales, "bestMonthSales");
    if (monthsWithSales < 0) {
      throw new IllegalArgumentException("monthsWithSales must not be negative, got " + monthsWithSales);
    }
  }

  /** Figures without a best month: none before the current one had sales. */
  public PerformanceFigures(ParticipantId participant, Instant asOf, int windowMonths, Money windowSales,
      Money priorWindowSales, Map<String, Money> windowSalesByCategory, long windowOrders, Money monthSales,
      long monthOrders, int consistencyMonths, long lifetimeOrders, Optional<Instant> lastActivity,
      Set<String> certifications) {
    this(participant, asOf, windowMonths, windowSales, priorWindowSales, windowSalesByCategory, windowOrders,
        monthSales, monthOrders, consistencyMonths, lifetimeOrders, lastActivity, certifications,
        Money.zero(windowSales.currency()), 0);
  }

  /** Computes the figures of {@code history} as of {@code asOf}, months counted in {@code zone}. */
  public static PerformanceFigures of(ParticipantHistory history, Instant asOf, ZoneId zone, int windowMonths) {
    return of(history.participant(), history.currency(), history.months(), history.certifications(),
        history.lastActivity(), asOf, zone, windowMonths);
  }

  /**
   * The figures of a history given by its parts (a {@link ParticipantHistory}'s, or a {@link
   * RunningHistory}'s read in place, without a copy), as of {@code asOf}.
   */
  static PerformanceFigures of(ParticipantId participant, Currency currency, NavigableMap<YearMonth, MonthFigures> months,
      Map<String, Optional<LocalDate>> certifications, Optional<Instant> lastActivity, Instant asOf, ZoneId zone,
      int windowMonths) {
    return FiguresWindow.of(currency, months, certifications, asOf, zone, windowMonths)
        .figures(participant, asOf, lastActivity);
  }

  /** Distinct categories with positive net sales in the window. */
  public int distinctCategories() {
    return windowSalesByCategory.size();
  }

  /**
   * Growth of window sales over the prior window in percent, rounded half-even to 2 decimals;
   * empty when the prior window had no sales (growth from nothing is undefined).
   */
  public Optional<BigDecimal> growthPercent() {
    if (priorWindowSales.amount().signum() <= 0) {
      return Optional.empty();
    }
    BigDecimal change = windowSales.amount().subtract(priorWindowSales.amount()).multiply(BigDecimal.valueOf(100));
    return Optional.of(change.divide(priorWindowSales.amount(), 2, RoundingMode.HALF_EVEN));
  }
}
