package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The forecast of the months after a history, with how it was made. Immutable and thread-safe.
 *
 * @param method   the method that produced the amounts; never null
 * @param basis    why this method, with its fitted parameters or the reason for a fallback, in a
 *                 sentence for people ("seasonal naive: 18 months of history are fewer than the 24
 *                 Holt-Winters needs ..."); never null or blank
 * @param currency the history's currency, that of every amount; never null
 * @param months   the forecast months, consecutive, starting the month after the history; at least
 *                 one; never null
 * @param backtest the backtest the method was chosen by, if it was ({@link
 *                 Forecaster#forecastWhereBetter}); never null
 */
public record Forecast(ForecastMethod method, String basis, Currency currency, List<ForecastMonth> months,
    Optional<Backtest> backtest) {
  public Forecast {
    requireNonNull(method, "method");
    requireNonNull(basis, "basis");
    requireNonNull(currency, "currency");
    months = List.copyOf(requireNonNull(months, "months"));
    requireNonNull(backtest, "backtest");
    if (basis.isBlank()) {
      throw new IllegalArgumentException("a forecast needs a basis that says how it was made");
    }
    if (months.isEmpty()) {
      throw new IllegalArgumentException("a forecast needs at least one month");
    }
    for (int i = 1; i < months.size(); i++) {
      if (!months.get(i).month().equals(months.get(i - 1).month().plusMonths(1))) {
        throw new IllegalArgumentException("forecast months must be consecutive, got " + months.get(i - 1).month()
            + " then " + months.get(i).month());
      }
    }
  }

  /** The point forecasts, in month order; never null. */
  public List<BigDecimal> amounts() {
    return months.stream().map(ForecastMonth::amount).toList();
  }

  /** The sum of the point forecasts over the horizon (next quarter's sales, say); never null. */
  public BigDecimal total() {
    return months.stream().map(ForecastMonth::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
