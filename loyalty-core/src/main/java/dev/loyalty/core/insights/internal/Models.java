package dev.loyalty.core.insights.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.insights.ForecastMethod;
import dev.loyalty.core.insights.Forecaster;
import dev.loyalty.core.insights.MonthlySeries;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Which model forecasts a history of a given length, and the rounding of its forecasts to money.
 *
 * <p>The method: Holt-Winters ({@link HoltWinters}) from two seasons of history; seasonal naive
 * from one season (a season and a trend cannot be told apart in one year); simple exponential
 * smoothing ({@link SimpleSmoothing}) below one season. The baseline: seasonal naive from one
 * season, the naive method (the last month repeated) below it. The baseline never goes through
 * floating point: its forecasts are months of the history.
 *
 * <p>Every forecast is rounded to the currency's minor unit with {@link #ROUNDING} (half-even, so
 * that rounding does not bias a sum of many forecasts up or down); a currency without a minor unit
 * (ISO pseudo-currencies such as XAU) rounds to the most decimals any month of the history has.
 * Stateless and thread-safe.
 */
public final class Models {
  /** The rounding of forecasts to the minor unit. */
  public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

  private Models() {
  }

  /** A model's forecasts and why it was used. */
  public record Result(ForecastMethod method, String basis, List<BigDecimal> amounts) {
  }

  /** The forecaster's method for {@code history}, {@code horizon} months ahead. */
  public static Result method(MonthlySeries history, int horizon) {
    int n = history.length();
    int season = Forecaster.SEASON;
    if (n >= HoltWinters.minimumObservations(season)) {
      ScaledValues values = ScaledValues.of(history.amounts());
      HoltWinters.Fit fit = HoltWinters.fit(values.values(), season);
      return new Result(ForecastMethod.HOLT_WINTERS, ForecastMethod.HOLT_WINTERS.label() + " (" + fit.parameters()
          + "), fitted to the " + n + " months " + range(history) + " by least squared one-step error",
          money(values, HoltWinters.forecast(fit, horizon), history));
    }
    if (n >= season) {
      return new Result(ForecastMethod.SEASONAL_NAIVE, ForecastMethod.SEASONAL_NAIVE.label() + ", each month as the "
          + "same month a year earlier: " + n + " months of history (" + range(history) + ") are fewer than the "
          + HoltWinters.minimumObservations(season) + " Holt-Winters needs to tell a trend from a season",
          seasonalNaive(history, horizon));
    }
    ScaledValues values = ScaledValues.of(history.amounts());
    SimpleSmoothing.Fit fit = SimpleSmoothing.fit(values.values());
    String smoothing = n == 1 ? "the one month of history (" + history.start() + ") carried forward"
        : String.format(Locale.ROOT, "alpha %s", fit.alpha());
    double[] flat = new double[horizon];
    Arrays.fill(flat, fit.level());
    return new Result(ForecastMethod.SIMPLE_EXPONENTIAL_SMOOTHING, ForecastMethod.SIMPLE_EXPONENTIAL_SMOOTHING.label()
        + " (" + smoothing + "), forecast flat: " + n + (n == 1 ? " month" : " months") + " of history ("
        + range(history) + ") are fewer than the " + season + " a seasonal method needs",
        money(values, flat, history));
  }

  /** The baseline for {@code history}, {@code horizon} months ahead. */
  public static Result baseline(MonthlySeries history, int horizon) {
    int n = history.length();
    if (n >= Forecaster.SEASON) {
      return new Result(ForecastMethod.SEASONAL_NAIVE, ForecastMethod.SEASONAL_NAIVE.label()
          + ", each month as the same month a year earlier in " + range(history), seasonalNaive(history, horizon));
    }
    BigDecimal last = round(history.amounts().get(n - 1), digits(history));
    return new Result(ForecastMethod.NAIVE, ForecastMethod.NAIVE.label() + ", the last month (" + history.end()
        + ") carried forward: " + n + (n == 1 ? " month" : " months") + " of history are fewer than the "
        + Forecaster.SEASON + " seasonal naive needs", Collections.nCopies(horizon, last));
  }

  /**
   * Month {@code h} ahead is the latest month of the history in the same calendar month: {@code
   * y(n - m + (h - 1) mod m)}, 0-based over {@code n} months with season {@code m}.
   */
  private static List<BigDecimal> seasonalNaive(MonthlySeries history, int horizon) {
    int n = history.length();
    int season = Forecaster.SEASON;
    int digits = digits(history);
    List<BigDecimal> out = new ArrayList<>(horizon);
    for (int h = 1; h <= horizon; h++) {
      out.add(round(history.amounts().get(n - season + (h - 1) % season), digits));
    }
    return out;
  }

  private static List<BigDecimal> money(ScaledValues values, double[] forecasts, MonthlySeries history) {
    int digits = digits(history);
    List<BigDecimal> out = new ArrayList<>(forecasts.length);
    for (double f : forecasts) {
      out.add(round(values.amount(f), digits));
    }
    return out;
  }

  /** The decimals forecasts of {@code history} are rounded to: see the class comment. */
  public static int digits(MonthlySeries history) {
    int digits = requireNonNull(history, "history").currency().getDefaultFractionDigits();
    if (digits >= 0) {
      return digits;
    }
    return history.amounts().stream().mapToInt(BigDecimal::scale).max().orElse(0);
  }

  /** {@code amount} to {@code digits} decimals by {@link #ROUNDING}. */
  public static BigDecimal round(BigDecimal amount, int digits) {
    return amount.setScale(digits, ROUNDING);
  }

  /** "2024-01..2025-12". */
  public static String range(MonthlySeries history) {
    return history.start() + ".." + history.end();
  }
}
