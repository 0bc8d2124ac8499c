package dev.loyalty.core.insights.internal;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Holt-Winters' additive method with a damped trend (triple exponential smoothing; ETS(A,Ad,A)),
 * in the component form of Hyndman and Athanasopoulos, <em>Forecasting: Principles and
 * Practice</em>, 3rd ed., section 8.3, for a season of {@code m} periods:
 *
 * <pre>
 * forecast  y(t+h|t) = l(t) + (phi + phi^2 + ... + phi^h) b(t) + s(t+h-m(k+1)),  k = (h-1) / m
 * level     l(t) = alpha (y(t) - s(t-m)) + (1 - alpha)(l(t-1) + phi b(t-1))
 * trend     b(t) = beta (l(t) - l(t-1)) + (1 - beta) phi b(t-1)
 * season    s(t) = gamma (y(t) - l(t-1) - phi b(t-1)) + (1 - gamma) s(t-m)
 * </pre>
 *
 * <p>Additive, not multiplicative: sales series here have zero months and negative months (net
 * returns), where multiplicative seasonal indices (a month divided by its level) are undefined or
 * explode. Damped, because a trend projected undamped for a year overshoots on most sales series
 * (FPP 8.2: damped methods are among the most accurate for automatic forecasting).
 *
 * <p><b>Initial state</b> from the first two seasons (the classical heuristic): with {@code A1},
 * {@code A2} the means of the first and second season, the trend is {@code b = (A2 - A1) / m}, the
 * level before the first observation is {@code l = A1 - b (m + 1) / 2} (A1 sits mid-season), and
 * the seasonal component of position {@code i} is the mean, over the two seasons, of the
 * observation minus the trend line {@code l + (t + 1) b} at its time; the components sum to zero.
 *
 * <p><b>Parameters</b> minimise the in-sample sum of squared one-step errors over the fixed grid
 * {@link #ALPHAS} x {@link #BETAS} x {@link #GAMMAS} x {@link #PHIS}, with {@code gamma <= 1 -
 * alpha} (FPP's restriction), 1,325 candidates; ties go to the first in that order. A grid, not a
 * numerical optimiser: deterministic, without starting points or tolerances to tune.
 *
 * <p>Values are {@code double}s from {@link ScaledValues}. Stateless and thread-safe.
 */
public final class HoltWinters {
  /** Level smoothing values tried. */
  static final double[] ALPHAS = {0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
  /** Trend smoothing values tried. */
  static final double[] BETAS = {0.01, 0.05, 0.1, 0.2, 0.3};
  /** Seasonal smoothing values tried (only those up to {@code 1 - alpha}). */
  static final double[] GAMMAS = {0.01, 0.05, 0.1, 0.2, 0.3, 0.5};
  /** Damping values tried: FPP's range 0.8 to 0.98. */
  static final double[] PHIS = {0.8, 0.85, 0.9, 0.95, 0.98};

  private HoltWinters() {
  }

  /** The smoothing parameters, each in [0, 1]. */
  public record Parameters(double alpha, double beta, double gamma, double phi) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "alpha %s, beta %s, gamma %s, phi %s", alpha, beta, gamma, phi);
    }
  }

  /**
   * The components after the last observation seen: level, trend, and the latest seasonal
   * component of each position in the season ({@code season[t % m]} for time {@code t}).
   * Mutable: {@link #step} updates it.
   */
  public static final class State {
    double level;
    double trend;
    final double[] season;

    State(double level, double trend, double[] season) {
      this.level = level;
      this.trend = trend;
      this.season = season;
    }

    /** The level. */
    public double level() {
      return level;
    }

    /** The trend. */
    public double trend() {
      return trend;
    }

    /** The seasonal component of position {@code i} of the season. */
    public double season(int i) {
      return season[i];
    }
  }

  /** A fitted model: its parameters, its state after the last observation, and the error it was chosen by. */
  public record Fit(Parameters parameters, State state, int observations, double sumOfSquaredErrors) {
  }

  /** The fewest observations {@link #initialState} and so {@link #fit} accept: two seasons. */
  public static int minimumObservations(int m) {
    return 2 * m;
  }

  /** The state before the first observation, estimated from the first two seasons of {@code y}. */
  public static State initialState(double[] y, int m) {
    requireNonNull(y, "y");
    if (m < 2 || y.length < minimumObservations(m)) {
      throw new IllegalArgumentException("Holt-Winters needs two seasons of " + m + " observations, got " + y.length);
    }
    double first = 0;
    double second = 0;
    for (int i = 0; i < m; i++) {
      first += y[i];
      second += y[m + i];
    }
    first /= m;
    second /= m;
    double trend = (second - first) / m;
    double level = first - trend * (m + 1) / 2.0;
    double[] season = new double[m];
    for (int i = 0; i < m; i++) {
      double early = y[i] - (level + (i + 1) * trend);
      double late = y[m + i] - (level + (m + i + 1) * trend);
      season[i] = (early + late) / 2;
    }
    return new State(level, trend, season);
  }

  /**
   * One smoothing step: takes observation {@code y} of time {@code t} into {@code state} and
   * returns the one-step error {@code y - forecast} made before it.
   */
  public static double step(State state, Parameters p, int t, double y) {
    int position = t % state.season.length;
    double seasonal = state.season[position];
    double dampedTrend = p.phi() * state.trend;
    double error = y - (state.level + dampedTrend + seasonal);
    double previousLevel = state.level;
    state.level = p.alpha() * (y - seasonal) + (1 - p.alpha()) * (previousLevel + dampedTrend);
    state.trend = p.beta() * (state.level - previousLevel) + (1 - p.beta()) * dampedTrend;
    state.season[position] = p.gamma() * (y - previousLevel - dampedTrend) + (1 - p.gamma()) * seasonal;
    return error;
  }

  /** {@code p} run over all of {@code y} from the initial state; the state after the last observation. */
  public static Fit run(double[] y, int m, Parameters p) {
    State state = initialState(y, m);
    double sse = 0;
    for (int t = 0; t < y.length; t++) {
      double e = step(state, p, t, y[t]);
      sse += e * e;
    }
    return new Fit(p, state, y.length, sse);
  }

  /** The grid's parameters with the least in-sample squared one-step error on {@code y}. */
  public static Fit fit(double[] y, int m) {
    State initial = initialState(y, m);
    double[] season = new double[m];
    Parameters best = null;
    double bestSse = Double.POSITIVE_INFINITY;
    for (double alpha : ALPHAS) {
      for (double beta : BETAS) {
        for (double gamma : GAMMAS) {
          if (gamma > 1 - alpha + 1e-12) {
            continue;
          }
          for (double phi : PHIS) {
            double sse = sumOfSquaredErrors(y, initial, alpha, beta, gamma, phi, season, bestSse);
            if (sse < bestSse) {
              bestSse = sse;
              best = new Parameters(alpha, beta, gamma, phi);
            }
          }
        }
      }
    }
    return run(y, m, best);
  }

  /**
   * {@link #step} inlined over {@code y}, without allocating; stops early once past {@code bound}
   * (the best so far), since that candidate can no longer win. Must stay equal to {@link #run}'s
   * error: HoltWintersTest checks it.
   */
  static double sumOfSquaredErrors(double[] y, State initial, double alpha, double beta, double gamma, double phi,
      double[] season, double bound) {
    int m = season.length;
    System.arraycopy(initial.season, 0, season, 0, m);
    double level = initial.level;
    double trend = initial.trend;
    double sse = 0;
    for (int t = 0; t < y.length; t++) {
      int position = t % m;
      double seasonal = season[position];
      double dampedTrend = phi * trend;
      double error = y[t] - (level + dampedTrend + seasonal);
      sse += error * error;
      if (sse > bound) {
        return sse;
      }
      double previousLevel = level;
      level = alpha * (y[t] - seasonal) + (1 - alpha) * (previousLevel + dampedTrend);
      trend = beta * (level - previousLevel) + (1 - beta) * dampedTrend;
      season[position] = gamma * (y[t] - previousLevel - dampedTrend) + (1 - gamma) * seasonal;
    }
    return sse;
  }

  /** The forecasts for the {@code horizon} periods after the fit's last observation. */
  public static double[] forecast(Fit fit, int horizon) {
    State s = fit.state();
    int m = s.season.length;
    double[] out = new double[horizon];
    double damping = 0;
    double power = 1;
    for (int h = 1; h <= horizon; h++) {
      power *= fit.parameters().phi();
      damping += power;
      int position = (fit.observations() - 1 + h) % m;
      out[h - 1] = s.level + damping * s.trend + s.season[position];
    }
    return out;
  }
}
