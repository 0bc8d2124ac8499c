package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Optional;

/**
 * One forecast month: the point forecast of its net sales and, where a backtest gave enough errors
 * for it, an empirical prediction interval (see {@link Forecaster#INTERVAL_PERCENT}). The interval
 * comes from the method's past errors and need not be centred on the point: a method that has
 * tended to forecast too low gets an interval above its point.
 *
 * @param month  never null
 * @param amount the point forecast, in the forecast's currency, rounded to its minor unit; never null
 * @param lower  the interval's lower bound, present exactly when {@code upper} is; never null
 * @param upper  the interval's upper bound, not below {@code lower}; never null
 */
public record ForecastMonth(YearMonth month, BigDecimal amount, Optional<BigDecimal> lower,
    Optional<BigDecimal> upper) {
  public ForecastMonth {
    requireNonNull(month, "month");
    requireNonNull(amount, "amount");
    requireNonNull(lower, "lower");
    requireNonNull(upper, "upper");
    if (lower.isPresent() != upper.isPresent()) {
      throw new IllegalArgumentException("the interval of " + month + " needs both bounds or neither, got lower "
          + lower + " and upper " + upper);
    }
    if (lower.isPresent() && lower.get().compareTo(upper.get()) > 0) {
      throw new IllegalArgumentException("the interval of " + month + " has its lower bound " + lower.get()
          + " above its upper bound " + upper.get());
    }
  }

  /** A point forecast without an interval. */
  public static ForecastMonth point(YearMonth month, BigDecimal amount) {
    return new ForecastMonth(month, amount, Optional.empty(), Optional.empty());
  }
}
