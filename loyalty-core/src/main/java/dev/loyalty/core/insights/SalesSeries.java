package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.MonthFigures;
import dev.loyalty.core.performance.ParticipantHistory;
import dev.loyalty.core.spi.PerformanceStore;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Monthly sales series built from the per-participant history the engine keeps ({@link
 * ParticipantHistory}, read from the {@link dev.loyalty.core.spi.PerformanceStore}): one
 * participant's net sales (sales less returns, {@link MonthFigures#sales()}), one product
 * category's, and the totals of a group of participants (a region, a partner type: whichever
 * histories the caller passes).
 *
 * <p>Every series ends at a month the caller names, {@code through}: the last <em>complete</em>
 * month, since the current month's sales are still coming in and would read as a slump. Months
 * recorded after it are left out. A month without figures is a zero month. Histories are only
 * read, never changed. Stateless and thread-safe; nothing accepts or returns null.
 */
public final class SalesSeries {

  private SalesSeries() {
  }

  /**
   * The participant's net sales from its first recorded month through {@code through}; empty if it
   * has no figures up to then (a new participant: see {@link #netSales(ParticipantHistory,
   * YearMonth, YearMonth)} to forecast from its enrolment month).
   *
   * @throws CurrencyMismatchException if a month's figures are not in the history's currency
   */
  public static Optional<MonthlySeries> netSales(ParticipantHistory history, YearMonth through) {
    return series(history, NET_SALES, through);
  }

  /**
   * The participant's net sales for every month from {@code from} (its enrolment month, say)
   * through {@code through}, zero where nothing is recorded; figures outside those months are left
   * out.
   *
   * @throws IllegalArgumentException  if {@code through} is before {@code from}
   * @throws CurrencyMismatchException if a month's figures are not in the history's currency
   */
  public static MonthlySeries netSales(ParticipantHistory history, YearMonth from, YearMonth through) {
    requireNonNull(from, "from");
    return MonthlySeries.window(history.currency(), from, through, amounts(history, NET_SALES, Optional.of(from), through));
  }

  /**
   * The participant's net sales of {@code category} from the first month it sold any through
   * {@code through}; empty if it sold none up to then.
   *
   * @throws CurrencyMismatchException if a month's figures are not in the history's currency
   */
  public static Optional<MonthlySeries> categorySales(ParticipantHistory history, String category,
      YearMonth through) {
    return series(history, inCategory(category), through);
  }

  /**
   * The month-by-month total of the participants' net sales, from the first month any of them
   * recorded through {@code through}; empty if none recorded anything up to then.
   *
   * @throws CurrencyMismatchException if two participants keep their sales in different currencies
   *                                   (the message names both)
   * @throws IllegalArgumentException  if a participant appears twice
   */
  public static Optional<MonthlySeries> netSales(Collection<ParticipantHistory> histories, YearMonth through) {
    return total(histories, NET_SALES, through);
  }

  /**
   * The month-by-month total of the participants' net sales of {@code category}; empty if none of
   * them sold any up to {@code through}.
   *
   * @throws CurrencyMismatchException if two participants keep their sales in different currencies
   * @throws IllegalArgumentException  if a participant appears twice
   */
  public static Optional<MonthlySeries> categorySales(Collection<ParticipantHistory> histories, String category,
      YearMonth through) {
    return total(histories, inCategory(category), through);
  }

  private static final Function<MonthFigures, Optional<Money>> NET_SALES = figures -> Optional.of(figures.sales());

  private static Function<MonthFigures, Optional<Money>> inCategory(String category) {
    requireNonNull(category, "category");
    return figures -> Optional.ofNullable(figures.byCategory().get(category));
  }

  private static Optional<MonthlySeries> total(Collection<ParticipantHistory> histories,
      Function<MonthFigures, Optional<Money>> measure, YearMonth through) {
    requireNonNull(histories, "histories");
    requireNonNull(through, "through");
    requireOneCurrency(histories);
    List<MonthlySeries> parts = new ArrayList<>();
    for (ParticipantHistory history : histories) {
      series(history, measure, through).ifPresent(parts::add);
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(MonthlySeries.sum(parts));
  }

  /** Checked before anything is summed, so that a mixed group is refused even where its months do not overlap. */
  private static void requireOneCurrency(Collection<ParticipantHistory> histories) {
    ParticipantHistory first = null;
    Set<ParticipantId> seen = new HashSet<>();
    for (ParticipantHistory history : histories) {
      requireNonNull(history, "histories element");
      if (!seen.add(history.participant())) {
        throw new IllegalArgumentException(name(history.participant()) + " appears twice among the histories to add up");
      }
      if (first == null) {
        first = history;
      } else if (!first.currency().equals(history.currency())) {
        throw new CurrencyMismatchException(name(first.participant()) + "'s sales", first.currency(),
            name(history.participant()) + "'s sales", history.currency());
      }
    }
  }

  /** The measure from the first month it has a value through {@code through}. */
  private static Optional<MonthlySeries> series(ParticipantHistory history,
      Function<MonthFigures, Optional<Money>> measure, YearMonth through) {
    TreeMap<YearMonth, BigDecimal> amounts = amounts(history, measure, Optional.empty(), through);
    return amounts.isEmpty() ? Optional.empty()
        : Optional.of(MonthlySeries.window(history.currency(), amounts.firstKey(), through, amounts));
  }

  /** The measure's value in every month up to {@code through} (and from {@code from}) that has one. */
  private static TreeMap<YearMonth, BigDecimal> amounts(ParticipantHistory history,
      Function<MonthFigures, Optional<Money>> measure, Optional<YearMonth> from, YearMonth through) {
    requireNonNull(history, "history");
    requireNonNull(through, "through");
    TreeMap<YearMonth, BigDecimal> amounts = new TreeMap<>();
    for (Map.Entry<YearMonth, MonthFigures> month : history.months().headMap(through, true).entrySet()) {
      if (from.isPresent() && month.getKey().isBefore(from.get())) {
        continue;
      }
      Optional<Money> value = measure.apply(month.getValue());
      if (value.isPresent()) {
        requireHistoryCurrency(history, month.getKey(), value.get());
        amounts.put(month.getKey(), value.get().amount());
      }
    }
    return amounts;
  }

  private static void requireHistoryCurrency(ParticipantHistory history, YearMonth month, Money value) {
    if (!value.currency().equals(history.currency())) {
      throw new CurrencyMismatchException(name(history.participant()) + "'s history", history.currency(),
          "its figures of " + month, value.currency());
    }
  }

  private static String name(ParticipantId participant) {
    return participant.kind() + " " + participant.value();
  }
}
