package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * A rolling-origin backtest of the forecaster's method against the seasonal-naive baseline on one
 * history (FPP 3rd ed., section 5.10, "time series cross-validation"): for each origin before the
 * held-out months, both are fitted to the months up to the origin alone and forecast the months
 * after it; their errors are measured on the same months, scaled by the same {@link #scale()}.
 * Immutable and thread-safe.
 *
 * @param plan              the holdout and horizon; never null
 * @param firstHeldOutMonth the first held-out month: the first origin is fitted to the months
 *                          before it, each later origin to one month more; never null
 * @param scale             the mean absolute error of the one-step seasonal-naive forecast over the
 *                          months before {@code firstHeldOutMonth} (the denominator of MASE), in the
 *                          series' currency; zero if those months repeat exactly every year; never null
 * @param method            the method's accuracy; never null
 * @param baseline          the seasonal-naive baseline's accuracy; never null
 * @param origins           every origin, earliest first; never null, at least one
 */
public record Backtest(BacktestPlan plan, YearMonth firstHeldOutMonth, BigDecimal scale, ForecastAccuracy method,
    ForecastAccuracy baseline, List<BacktestOrigin> origins) {
  public Backtest {
    requireNonNull(plan, "plan");
    requireNonNull(firstHeldOutMonth, "firstHeldOutMonth");
    requireNonNull(scale, "scale");
    requireNonNull(method, "method");
    requireNonNull(baseline, "baseline");
    origins = List.copyOf(requireNonNull(origins, "origins"));
    if (origins.isEmpty()) {
      throw new IllegalArgumentException("a backtest needs at least one origin");
    }
    if (scale.signum() < 0) {
      throw new IllegalArgumentException("a backtest's scale is a mean absolute error, never negative, got " + scale);
    }
  }

  /**
   * Whether the method's forecasts were strictly closer to what happened than the baseline's:
   * a lower mean absolute error (and so a lower MASE, both being scaled alike). A tie, such as an
   * all-zero history that both forecast exactly, is not a win: the method is only worth shipping
   * where it beats the baseline.
   */
  public boolean methodBeatsBaseline() {
    return method.meanAbsoluteError().compareTo(baseline.meanAbsoluteError()) < 0;
  }
}
