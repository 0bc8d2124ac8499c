package dev.loyalty.core.insights.internal;

import static java.util.Objects.requireNonNull;

/**
 * Simple exponential smoothing (FPP 3rd ed., section 8.1): a level {@code l(t) = l(t-1) + alpha
 * (y(t) - l(t-1))} started at the first observation, forecast flat. The forecaster's method for
 * histories shorter than a season, where neither a season nor a trend can be estimated. {@code
 * alpha} minimises the in-sample squared one-step error over {@link #ALPHAS}; ties go to the
 * smallest (the smoothest), which is also what a two-month history gets, whose one error does not
 * depend on alpha. Stateless and thread-safe.
 */
public final class SimpleSmoothing {
  /** The smoothing values tried: 0.05 to 1 (1 is the naive method) in steps of 0.05. */
  static final double[] ALPHAS = new double[20];

  static {
    for (int i = 0; i < ALPHAS.length; i++) {
      ALPHAS[i] = (i + 1) / 20.0;
    }
  }

  private SimpleSmoothing() {
  }

  /** A fitted level: the flat forecast, the alpha that gave it and its squared one-step error. */
  public record Fit(double alpha, double level, double sumOfSquaredErrors) {
  }

  /** The smoothing of {@code y} (at least one value) with the best alpha of the grid. */
  public static Fit fit(double[] y) {
    requireNonNull(y, "y");
    if (y.length == 0) {
      throw new IllegalArgumentException("simple exponential smoothing needs at least one observation");
    }
    Fit best = run(y, ALPHAS[0]);
    for (int i = 1; i < ALPHAS.length; i++) {
      Fit candidate = run(y, ALPHAS[i]);
      if (candidate.sumOfSquaredErrors() < best.sumOfSquaredErrors()) {
        best = candidate;
      }
    }
    return best;
  }

  /** The smoothing of {@code y} with {@code alpha}. */
  public static Fit run(double[] y, double alpha) {
    double level = y[0];
    double sse = 0;
    for (int t = 1; t < y.length; t++) {
      double error = y[t] - level;
      sse += error * error;
      level += alpha * error;
    }
    return new Fit(alpha, level, sse);
  }
}
