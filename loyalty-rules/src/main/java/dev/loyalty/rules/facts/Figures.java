package dev.loyalty.rules.facts;

import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.PerformanceFigures;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A participant's performance figures as they stood before the activity, with amounts as plain
 * numbers in the participant's currency so that rules can compare them with literals ({@code
 * monthSales >= 500000}). {@link PartnerFigures} and {@link MemberFigures} are its two roles; a
 * {@code Figures(...)} pattern matches both.
 *
 * <p>Immutable and thread-safe. Nothing returned is null.
 */
public sealed interface Figures permits PartnerFigures, MemberFigures {

  /** The figures as core computes them; never null. */
  PerformanceFigures figures();

  /** Whose figures these are; never null. */
  default ParticipantId participant() {
    return figures().participant();
  }

  /** The currency every amount here is in; never null. */
  default Currency currency() {
    return figures().windowSales().currency();
  }

  /** The length of the program's trailing window, in calendar months. */
  default int windowMonths() {
    return figures().windowMonths();
  }

  /** Net sales in the window (which includes the current month); never null. */
  default BigDecimal windowSales() {
    return figures().windowSales().amount();
  }

  /** Net sales in the same number of months before the window; never null. */
  default BigDecimal priorWindowSales() {
    return figures().priorWindowSales().amount();
  }

  /** Net sales in the current calendar month; never null. */
  default BigDecimal monthSales() {
    return figures().monthSales().amount();
  }

  /** Invoices in the window. */
  default long windowOrders() {
    return figures().windowOrders();
  }

  /** Invoices in the current calendar month. */
  default long monthOrders() {
    return figures().monthOrders();
  }

  /** Every invoice ever recorded; 0 before the first order. */
  default long lifetimeOrders() {
    return figures().lifetimeOrders();
  }

  /** Calendar months in a row with at least one invoice, up to the current (or previous) month. */
  default int consistencyMonths() {
    return figures().consistencyMonths();
  }

  /** Distinct categories with positive net sales in the window. */
  default int distinctCategories() {
    return figures().distinctCategories();
  }

  /** Net sales per category in the window, positive ones only, sorted by category; never null. */
  default Map<String, BigDecimal> categorySales() {
    Map<String, BigDecimal> sales = new TreeMap<>();
    figures().windowSalesByCategory().forEach((category, money) -> sales.put(category, money.amount()));
    return sales;
  }

  /** Net sales of {@code category} in the window; zero if none; never null. */
  default BigDecimal salesIn(String category) {
    Money sales = figures().windowSalesByCategory().get(category);
    return sales == null ? BigDecimal.ZERO : sales.amount();
  }

  /**
   * Whole days from the participant's latest activity before this one to {@code at}; -1 if it has
   * none (a dormant account: {@code daysIdle(activity.occurredAt) >= 180}).
   */
  default long daysIdle(Instant at) {
    return figures().lastActivity().map(last -> Duration.between(last, at).toDays()).orElse(-1L);
  }

  /**
   * The highest net sales of any calendar month before the current one; zero when none had positive
   * sales; never null.
   */
  default BigDecimal bestMonthSales() {
    return figures().bestMonthSales().amount();
  }

  /** Calendar months before the current one with positive net sales. */
  default int monthsWithSales() {
    return figures().monthsWithSales();
  }

  /**
   * Whether {@code amount} more this month takes the month's net sales above the best earlier month
   * for the first time this month: the month was not above it before, is after, and there was a
   * best month (positive sales).
   */
  default boolean beatsBestMonthWith(BigDecimal amount) {
    BigDecimal best = bestMonthSales();
    return best.signum() > 0 && monthSales().compareTo(best) <= 0 && monthSales().add(amount).compareTo(best) > 0;
  }

  /**
   * How many certifications the participant holds once {@code code} is added: those valid on the
   * activity's day, plus {@code code} unless it is one of them.
   */
  default int certificationsWith(String code) {
    return certifications().size() + (certified(code) ? 0 : 1);
  }

  /** Certifications valid on the activity's day; never null. */
  default Set<String> certifications() {
    return figures().certifications();
  }

  /** Whether certification {@code code} is valid on the activity's day. */
  default boolean certified(String code) {
    return figures().certifications().contains(code);
  }

  /**
   * Whether window sales grew by at least {@code percent} over the prior window, compared exactly
   * ({@code window * 100 >= prior * (100 + percent)}) as tier criteria are. From zero prior sales,
   * any positive sales count as growth.
   */
  default boolean grewAtLeast(BigDecimal percent) {
    BigDecimal prior = priorWindowSales();
    BigDecimal window = windowSales();
    if (prior.signum() <= 0) {
      return window.signum() > 0;
    }
    BigDecimal hundred = BigDecimal.valueOf(100);
    return window.multiply(hundred).compareTo(prior.multiply(hundred.add(percent))) >= 0;
  }

  /** {@link #grewAtLeast(BigDecimal)} for a whole percentage. */
  default boolean grewAtLeast(long percent) {
    return grewAtLeast(BigDecimal.valueOf(percent));
  }
}
