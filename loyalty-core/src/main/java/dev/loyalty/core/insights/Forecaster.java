package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.insights.internal.Backtester;
import dev.loyalty.core.insights.internal.Intervals;
import dev.loyalty.core.insights.internal.Models;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Forecasts monthly sales: a participant's, a region's, a category's, any {@link MonthlySeries}.
 *
 * <ul>
 *   <li>{@link #forecast}: the method. Holt-Winters' additive method with a damped trend (FPP 3rd
 *       ed., section 8.3), its parameters fitted to the history, from two years of history; below
 *       that, seasonal naive (one year or more) or simple exponential smoothing (less), and the
 *       forecast says so in its {@link Forecast#basis()}.
 *   <li>{@link #seasonalNaive}: the baseline, each month as the same month a year earlier (the last
 *       month, where there is less than a year).
 *   <li>{@link #backtest}: both, fitted again at each of the last months of the history to the
 *       months before it alone, against what happened (MASE, WAPE).
 *   <li>{@link #forecastWhereBetter}: the method where its backtest beats the baseline, otherwise the
 *       baseline, with prediction intervals from the backtest's errors: the forecast to ship.
 * </ul>
 *
 * <p>Forecasts are net sales, so they may be negative where a history has months of net returns;
 * they are not clamped at zero, which would bias a region's total upwards. Each amount is rounded
 * to the currency's minor unit, half-even. docs/INSIGHTS.md defines the methods and the measures
 * and gives the backtest figures on generated partners.
 *
 * <p>Stateless and thread-safe; nothing accepts or returns null. Inputs are never changed.
 */
public final class Forecaster {
  /** The months in a season: sales seasons repeat every year. */
  public static final int SEASON = 12;
  /** The furthest a forecast reaches: ten years. */
  public static final int MAX_HORIZON = 120;
  /** The coverage aimed at by prediction intervals, in percent. */
  public static final int INTERVAL_PERCENT = 80;
  /**
   * The fewest backtest errors at a horizon that give that month of a forecast an interval: the
   * smallest {@code k} with {@code (k + 1)(100 - P) / 200 >= 1} for {@link #INTERVAL_PERCENT} {@code
   * P} (9 for 80%), below which the most extreme errors seen would bound an interval of less than
   * {@code P} coverage.
   */
  public static final int MIN_INTERVAL_ERRORS = 200 / (100 - INTERVAL_PERCENT) - 1;

  private static final Forecaster MONTHLY = new Forecaster();

  private Forecaster() {
  }

  /** The forecaster of monthly series with a yearly season. */
  public static Forecaster monthly() {
    return MONTHLY;
  }

  /**
   * The method's forecast of the {@code horizon} months after {@code history}, without intervals.
   *
   * @throws IllegalArgumentException if {@code horizon} is not 1 to {@link #MAX_HORIZON}
   */
  public Forecast forecast(MonthlySeries history, int horizon) {
    return plain(Models.method(requireNonNull(history, "history"), requireHorizon(horizon)), history);
  }

  /**
   * The baseline's forecast of the {@code horizon} months after {@code history}: seasonal naive, or
   * naive where the history is shorter than a season.
   *
   * @throws IllegalArgumentException if {@code horizon} is not 1 to {@link #MAX_HORIZON}
   */
  public Forecast seasonalNaive(MonthlySeries history, int horizon) {
    return plain(Models.baseline(requireNonNull(history, "history"), requireHorizon(horizon)), history);
  }

  /**
   * A rolling-origin backtest of the method against the baseline on {@code history}: for each of the
   * last {@code plan.holdout()} months, both are fitted to the months before it alone and forecast
   * up to {@code plan.horizon()} months from it.
   *
   * @throws InsufficientHistoryException if {@code history} is shorter than {@link
   *                                      BacktestPlan#minimumHistory()}
   */
  public Backtest backtest(MonthlySeries history, BacktestPlan plan) {
    return Backtester.run(requireNonNull(history, "history"), requireNonNull(plan, "plan"));
  }

  /**
   * The forecast to ship for the {@code plan.horizon()} months after {@code history}: the method's
   * if its {@link #backtest} by {@code plan} {@linkplain Backtest#methodBeatsBaseline() beats} the
   * baseline, otherwise the baseline's; each month with an empirical {@value #INTERVAL_PERCENT}%
   * prediction interval from the chosen model's backtest errors at that horizon where there are at
   * least {@value #MIN_INTERVAL_ERRORS} of them. A history too short to backtest gets the baseline
   * without intervals: nothing shows the method would do better. The backtest is in the result.
   */
  public Forecast forecastWhereBetter(MonthlySeries history, BacktestPlan plan) {
    requireNonNull(history, "history");
    requireNonNull(plan, "plan");
    if (history.length() < plan.minimumHistory()) {
      Models.Result baseline = Models.baseline(history, plan.horizon());
      return new Forecast(baseline.method(), "Not backtested (" + history.length() + " months of history; holding out "
          + plan.holdout() + " needs " + plan.minimumHistory() + "), so the baseline: " + baseline.basis(),
          history.currency(), points(baseline, history), Optional.empty());
    }
    Backtest backtest = Backtester.run(history, plan);
    boolean method = backtest.methodBeatsBaseline();
    Models.Result chosen = method ? Models.method(history, plan.horizon()) : Models.baseline(history, plan.horizon());
    Function<BacktestOrigin, List<BigDecimal>> forecasts = method ? BacktestOrigin::methodForecasts
        : BacktestOrigin::baselineForecasts;
    String verdict = ForecastMethod.HOLT_WINTERS.label() + (method ? " beat " : " did not beat ")
        + "seasonal naive in the backtest (" + comparison(backtest, history) + "), so " + (method ? "the method: " : "the baseline: ");
    return new Forecast(chosen.method(), verdict + chosen.basis(), history.currency(),
        Intervals.months(history.end().plusMonths(1), chosen.amounts(), backtest.origins(), forecasts,
            Models.digits(history)), Optional.of(backtest));
  }

  private static String comparison(Backtest b, MonthlySeries history) {
    if (b.method().mase().isPresent() && b.baseline().mase().isPresent()) {
      return "MASE " + ratio(b.method().mase().get()) + " against " + ratio(b.baseline().mase().get()) + " over "
          + b.method().errors() + " forecasts";
    }
    return "mean absolute error " + money(b.method().meanAbsoluteError(), history) + " against "
        + money(b.baseline().meanAbsoluteError(), history) + " over " + b.method().errors() + " forecasts";
  }

  private static String money(BigDecimal amount, MonthlySeries history) {
    return Models.round(amount, Models.digits(history)).toPlainString() + " " + history.currency().getCurrencyCode();
  }

  private static String ratio(BigDecimal r) {
    return r.setScale(3, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static Forecast plain(Models.Result result, MonthlySeries history) {
    return new Forecast(result.method(), result.basis(), history.currency(), points(result, history),
        Optional.empty());
  }

  private static List<ForecastMonth> points(Models.Result result, MonthlySeries history) {
    List<BigDecimal> amounts = result.amounts();
    return IntStream.range(0, amounts.size())
        .mapToObj(i -> ForecastMonth.point(history.end().plusMonths(i + 1L), amounts.get(i))).toList();
  }

  private static int requireHorizon(int horizon) {
    if (horizon < 1 || horizon > MAX_HORIZON) {
      throw new IllegalArgumentException("a forecast horizon is 1 to " + MAX_HORIZON + " months, got " + horizon);
    }
    return horizon;
  }
}
