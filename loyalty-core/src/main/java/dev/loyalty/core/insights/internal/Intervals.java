package dev.loyalty.core.insights.internal;

import dev.loyalty.core.insights.BacktestOrigin;
import dev.loyalty.core.insights.ForecastMonth;
import dev.loyalty.core.insights.Forecaster;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Empirical prediction intervals from a backtest's out-of-sample errors, by the split-conformal
 * rule (Vovk, Gammerman and Shafer, <em>Algorithmic Learning in a Random World</em>, 2005; Lei et
 * al., "Distribution-free predictive inference for regression", 2018): with the {@code k} errors
 * {@code actual - forecast} the chosen model made {@code h} months ahead sorted as {@code e(1) <=
 * ... <= e(k)}, and {@code j = floor((k + 1)(1 - P) / 2)} for coverage {@code P} ({@link
 * Forecaster#INTERVAL_PERCENT}), the interval of the forecast {@code h} months ahead is {@code
 * [point + e(j), point + e(k + 1 - j)]}. If the errors were exchangeable, a new error would fall
 * within them with a probability of at least {@code (k + 1 - 2j) / (k + 1) >= P}; a sales series'
 * errors are not quite (they drift with the season and the trend), so the coverage actually reached
 * is measured in docs/INSIGHTS.md. It needs {@code j >= 1}, i.e. {@link
 * Forecaster#MIN_INTERVAL_ERRORS} errors; a month with fewer has no interval. Exact ({@link
 * BigDecimal}); stateless and thread-safe.
 */
public final class Intervals {

  private Intervals() {
  }

  /**
   * The months from {@code first} with the points {@code points}, each with an interval from the
   * errors of {@code forecasts} over {@code origins} where there are enough.
   */
  public static List<ForecastMonth> months(YearMonth first, List<BigDecimal> points, List<BacktestOrigin> origins,
      Function<BacktestOrigin, List<BigDecimal>> forecasts, int digits) {
    List<ForecastMonth> months = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      List<BigDecimal> errors = new ArrayList<>();
      for (BacktestOrigin origin : origins) {
        List<BigDecimal> f = forecasts.apply(origin);
        if (i < f.size()) {
          errors.add(origin.actuals().get(i).subtract(f.get(i)));
        }
      }
      BigDecimal point = points.get(i);
      YearMonth month = first.plusMonths(i);
      int j = rank(errors.size());
      if (j < 1) {
        months.add(ForecastMonth.point(month, point));
      } else {
        errors.sort(null);
        months.add(new ForecastMonth(month, point, Optional.of(Models.round(point.add(errors.get(j - 1)), digits)),
            Optional.of(Models.round(point.add(errors.get(errors.size() - j)), digits))));
      }
    }
    return months;
  }

  /** {@code j = floor((k + 1)(100 - P) / 200)}: the rank, from either end, of the errors that bound the interval. */
  public static int rank(int errors) {
    return (errors + 1) * (100 - Forecaster.INTERVAL_PERCENT) / 200;
  }
}
