package dev.loyalty.core.insights;

/**
 * How a forecast was made. docs/INSIGHTS.md defines each; {@link Forecast#basis()} says why this
 * one was used for a given series.
 */
public enum ForecastMethod {
  /**
   * Holt-Winters' additive method with a damped trend (triple exponential smoothing, FPP 8.3),
   * parameters fitted to the history: the forecaster's method for two seasons of history or more.
   */
  HOLT_WINTERS("Holt-Winters additive with damped trend"),
  /** Each month as the same month a year earlier: the baseline, for one season of history or more. */
  SEASONAL_NAIVE("seasonal naive"),
  /** The last month repeated: the baseline for less than one season of history. */
  NAIVE("naive"),
  /** A smoothed level, forecast flat (FPP 8.1): the method for less than one season of history. */
  SIMPLE_EXPONENTIAL_SMOOTHING("simple exponential smoothing");

  private final String label;

  ForecastMethod(String label) {
    this.label = label;
  }

  /** Whether this is one of the baselines (seasonal naive, or naive where a season is not known). */
  public boolean isBaseline() {
    return this == SEASONAL_NAIVE || this == NAIVE;
  }

  /** The name used in sentences ("seasonal naive"); never null. */
  public String label() {
    return label;
  }
}
