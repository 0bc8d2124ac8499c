package dev.loyalty.core.insights.internal;

import static dev.loyalty.core.insights.internal.Decimals.plain;

import dev.loyalty.core.insights.Backtest;
import dev.loyalty.core.insights.BacktestOrigin;
import dev.loyalty.core.insights.BacktestPlan;
import dev.loyalty.core.insights.ForecastAccuracy;
import dev.loyalty.core.insights.Forecaster;
import dev.loyalty.core.insights.InsufficientHistoryException;
import dev.loyalty.core.insights.MonthlySeries;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rolling-origin backtest behind {@link Forecaster#backtest}. Each origin's forecasts come from
 * {@link MonthlySeries#through} the origin's last month, so no fit can see a later month; the scale
 * of MASE comes from the months before the first held-out month, which every origin has seen.
 * Errors are exact ({@link BigDecimal}: the forecasts as the API returns them, rounded, against the
 * recorded amounts); means and ratios are computed to 16 significant digits. Stateless and
 * thread-safe.
 */
public final class Backtester {
  private static final MathContext RATIO = MathContext.DECIMAL64;

  private Backtester() {
  }

  /** Backtests {@code history} by {@code plan}. */
  public static Backtest run(MonthlySeries history, BacktestPlan plan) {
    int n = history.length();
    if (n < plan.minimumHistory()) {
      throw new InsufficientHistoryException(Models.range(history), n, plan.minimumHistory(),
          "a backtest holding out " + plan.holdout() + " months");
    }
    int firstOrigin = n - plan.holdout();
    List<BigDecimal> y = history.amounts();
    List<BacktestOrigin> origins = new ArrayList<>(plan.holdout());
    for (int o = firstOrigin; o < n; o++) {
      YearMonth last = history.start().plusMonths(o - 1L);
      MonthlySeries training = history.through(last);
      int ahead = Math.min(plan.horizon(), n - o);
      Models.Result method = Models.method(training, ahead);
      Models.Result baseline = Models.baseline(training, ahead);
      origins.add(new BacktestOrigin(last, method.method(), method.amounts(), baseline.amounts(),
          y.subList(o, o + ahead)));
    }
    BigDecimal scale = seasonalNaiveError(y.subList(0, firstOrigin), Forecaster.SEASON);
    return new Backtest(plan, history.start().plusMonths(firstOrigin), scale,
        accuracy(origins, BacktestOrigin::methodForecasts, scale, plan.horizon()),
        accuracy(origins, BacktestOrigin::baselineForecasts, scale, plan.horizon()), origins);
  }

  /**
   * The in-sample mean absolute error of the one-step seasonal-naive forecast, {@code mean |y(t) -
   * y(t-m)|} over {@code t = m .. n-1}: the denominator of MASE (Hyndman and Koehler, 2006).
   */
  public static BigDecimal seasonalNaiveError(List<BigDecimal> training, int season) {
    BigDecimal sum = BigDecimal.ZERO;
    for (int t = season; t < training.size(); t++) {
      sum = sum.add(training.get(t).subtract(training.get(t - season)).abs());
    }
    return plain(sum.divide(BigDecimal.valueOf(training.size() - season), RATIO));
  }

  private static ForecastAccuracy accuracy(List<BacktestOrigin> origins,
      Function<BacktestOrigin, List<BigDecimal>> forecasts, BigDecimal scale, int horizon) {
    BigDecimal absoluteErrors = BigDecimal.ZERO;
    BigDecimal absoluteActuals = BigDecimal.ZERO;
    int count = 0;
    BigDecimal[] byHorizon = new BigDecimal[horizon];
    Arrays.fill(byHorizon, BigDecimal.ZERO);
    int[] countByHorizon = new int[horizon];
    for (BacktestOrigin origin : origins) {
      List<BigDecimal> f = forecasts.apply(origin);
      for (int i = 0; i < f.size(); i++) {
        BigDecimal error = origin.actuals().get(i).subtract(f.get(i)).abs();
        absoluteErrors = absoluteErrors.add(error);
        absoluteActuals = absoluteActuals.add(origin.actuals().get(i).abs());
        byHorizon[i] = byHorizon[i].add(error);
        countByHorizon[i]++;
        count++;
      }
    }
    BigDecimal mae = mean(absoluteErrors, count);
    List<BigDecimal> maeByHorizon = new ArrayList<>(horizon);
    for (int h = 0; h < horizon; h++) {
      maeByHorizon.add(mean(byHorizon[h], countByHorizon[h]));
    }
    return new ForecastAccuracy(count, mae,
        scale.signum() == 0 ? Optional.empty() : Optional.of(plain(mae.divide(scale, RATIO))),
        absoluteActuals.signum() == 0 ? Optional.empty()
            : Optional.of(plain(absoluteErrors.divide(absoluteActuals, RATIO))),
        maeByHorizon);
  }

  private static BigDecimal mean(BigDecimal sum, int count) {
    return plain(sum.divide(BigDecimal.valueOf(count), RATIO));
  }

}
