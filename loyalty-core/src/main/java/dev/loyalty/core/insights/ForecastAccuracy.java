package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * How far one method's backtest forecasts were from what happened, over every (origin, months
 * ahead) pair of a {@link Backtest}. docs/INSIGHTS.md defines the measures. Ratios are computed to
 * 16 significant digits.
 *
 * @param errors            the number of forecasts compared, at least one
 * @param meanAbsoluteError the mean absolute error, in the series' currency; never null
 * @param mase              the mean absolute scaled error: {@code meanAbsoluteError} over the
 *                          backtest's {@link Backtest#scale()}; empty where that is zero (a history
 *                          that repeats itself exactly every year); never null
 * @param wape              the weighted absolute percentage error as a fraction: the sum of absolute
 *                          errors over the sum of absolute actuals; empty where every actual is
 *                          zero; never null
 * @param maeByHorizon      the mean absolute error of the forecasts 1, 2, ... months ahead; never
 *                          null
 */
public record ForecastAccuracy(int errors, BigDecimal meanAbsoluteError, Optional<BigDecimal> mase,
    Optional<BigDecimal> wape, List<BigDecimal> maeByHorizon) {
  public ForecastAccuracy {
    requireNonNull(meanAbsoluteError, "meanAbsoluteError");
    requireNonNull(mase, "mase");
    requireNonNull(wape, "wape");
    maeByHorizon = List.copyOf(requireNonNull(maeByHorizon, "maeByHorizon"));
    if (errors < 1) {
      throw new IllegalArgumentException("an accuracy needs at least one error compared, got " + errors);
    }
    if (meanAbsoluteError.signum() < 0) {
      throw new IllegalArgumentException("a mean absolute error is never negative, got " + meanAbsoluteError);
    }
  }
}
