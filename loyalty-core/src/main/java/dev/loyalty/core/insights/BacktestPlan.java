package dev.loyalty.core.insights;

/**
 * How a {@link Backtest} holds out months: the last {@code holdout} months of the history are
 * forecast from each origin before them (rolling origin), {@code 1..horizon} months ahead.
 *
 * @param holdout the months held out, 1 to {@link Forecaster#MAX_HORIZON}
 * @param horizon how far ahead each origin forecasts, 1 to {@code holdout}
 */
public record BacktestPlan(int holdout, int horizon) {
  public BacktestPlan {
    if (holdout < 1 || holdout > Forecaster.MAX_HORIZON) {
      throw new IllegalArgumentException("a backtest holds out 1 to " + Forecaster.MAX_HORIZON + " months, got "
          + holdout);
    }
    if (horizon < 1 || horizon > holdout) {
      throw new IllegalArgumentException("a backtest holding out " + holdout + " months forecasts 1 to " + holdout
          + " months ahead, got a horizon of " + horizon);
    }
  }

  /** Holds out the last {@code holdout} months and forecasts up to {@code horizon} months ahead. */
  public static BacktestPlan of(int holdout, int horizon) {
    return new BacktestPlan(holdout, horizon);
  }

  /**
   * The shortest history this plan can backtest: the held-out months plus one season and a month,
   * so that the training part before the first held-out month has a seasonal-naive forecast and a
   * seasonal-naive error to scale by.
   */
  public int minimumHistory() {
    return holdout + Forecaster.SEASON + 1;
  }
}
