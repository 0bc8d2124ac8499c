package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * One origin of a rolling-origin backtest: what the method and the baseline forecast from the
 * history up to {@code lastTrainingMonth} alone, next to what then happened.
 *
 * @param lastTrainingMonth the last month the forecasts were fitted to; never null
 * @param method            what the method ran as at this origin (a fallback where the history was
 *                          still short); never null
 * @param methodForecasts   the method's forecasts of the months after it, up to the plan's horizon
 *                          or the end of the history; never null
 * @param baselineForecasts the baseline's forecasts of the same months; never null
 * @param actuals           the recorded amounts of those months; never null, as long as the others
 */
public record BacktestOrigin(YearMonth lastTrainingMonth, ForecastMethod method, List<BigDecimal> methodForecasts,
    List<BigDecimal> baselineForecasts, List<BigDecimal> actuals) {
  public BacktestOrigin {
    requireNonNull(lastTrainingMonth, "lastTrainingMonth");
    requireNonNull(method, "method");
    methodForecasts = List.copyOf(requireNonNull(methodForecasts, "methodForecasts"));
    baselineForecasts = List.copyOf(requireNonNull(baselineForecasts, "baselineForecasts"));
    actuals = List.copyOf(requireNonNull(actuals, "actuals"));
    if (actuals.isEmpty() || methodForecasts.size() != actuals.size() || baselineForecasts.size() != actuals.size()) {
      throw new IllegalArgumentException("the origin " + lastTrainingMonth + " needs as many method forecasts ("
          + methodForecasts.size() + ") and baseline forecasts (" + baselineForecasts.size() + ") as actuals ("
          + actuals.size() + "), at least one");
    }
  }
}
