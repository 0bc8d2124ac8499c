package dev.loyalty.core.insights;

import static dev.loyalty.core.insights.MonthlySeriesTest.INR;
import static dev.loyalty.core.insights.MonthlySeriesTest.amounts;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** A backtest small enough to compute by hand: every origin, error and measure. */
class BacktestTest {

  /**
   * 15 months from January 2025, the last 2 held out, forecasts up to 2 months ahead. Both origins
   * have fewer than 24 months, so the method runs as seasonal naive there and cannot beat it.
   */
  @Test
  void everyMeasure_asComputedByHand() {
    MonthlySeries history = MonthlySeries.of(INR, YearMonth.of(2025, 1), amounts("100", "120", "90", "80", "110",
        "130", "70", "60", "100", "140", "150", "50", "110", "125", "80"));

    Backtest b = Forecaster.monthly().backtest(history, BacktestPlan.of(2, 2));

    assertThat(b.firstHeldOutMonth()).isEqualTo(YearMonth.of(2026, 2));
    // the training part before it is 13 months; its one seasonal difference is |110 - 100| = 10
    assertThat(b.scale()).isEqualByComparingTo("10");
    assertThat(b.origins()).hasSize(2);
    // origin 1: trained on 2025-01..2026-01, forecasts Feb 2026 = Feb 2025 = 120 and Mar 2026 = 90;
    // actual 125 and 80: errors 5 and 10
    BacktestOrigin first = b.origins().get(0);
    assertThat(first.lastTrainingMonth()).isEqualTo(YearMonth.of(2026, 1));
    assertThat(first.method()).isEqualTo(ForecastMethod.SEASONAL_NAIVE);
    assertThat(first.baselineForecasts()).usingElementComparator(BigDecimal::compareTo).isEqualTo(amounts("120", "90"));
    assertThat(first.actuals()).isEqualTo(amounts("125", "80"));
    // origin 2: trained on 2025-01..2026-02, forecasts Mar 2026 = 90 (the history ends there): error 10
    BacktestOrigin second = b.origins().get(1);
    assertThat(second.lastTrainingMonth()).isEqualTo(YearMonth.of(2026, 2));
    assertThat(second.baselineForecasts()).usingElementComparator(BigDecimal::compareTo).isEqualTo(amounts("90"));
    assertThat(second.actuals()).isEqualTo(amounts("80"));
    // MAE (5 + 10 + 10) / 3; MASE that / 10; WAPE 25 / (125 + 80 + 80); by horizon (5 + 10) / 2 and 10 / 1
    for (ForecastAccuracy a : new ForecastAccuracy[] {b.method(), b.baseline()}) {
      assertThat(a.errors()).isEqualTo(3);
      assertThat(a.meanAbsoluteError()).isEqualByComparingTo("8.333333333333333");
      assertThat(a.mase()).get().satisfies(m -> assertThat(m).isEqualByComparingTo("0.8333333333333333"));
      assertThat(a.wape()).get().satisfies(w -> assertThat(w).isEqualByComparingTo("0.08771929824561404"));
      assertThat(a.maeByHorizon()).usingElementComparator(BigDecimal::compareTo).isEqualTo(amounts("7.5", "10"));
    }
    assertThat(b.methodBeatsBaseline()).isFalse();
  }

  @Test
  void fromTwoYearsOfTraining_theMethodIsHoltWinters() {
    MonthlySeries history = ForecasterTest.repeated(3, "100", "120", "90", "80", "110", "130", "70", "60", "100", "140",
        "150", "50");

    Backtest b = Forecaster.monthly().backtest(history, BacktestPlan.of(12, 1));

    assertThat(b.origins()).extracting(BacktestOrigin::method).containsOnly(ForecastMethod.HOLT_WINTERS);
    assertThat(b.origins()).allSatisfy(o -> assertThat(o.methodForecasts()).usingElementComparator(BigDecimal::compareTo)
        .isEqualTo(o.actuals()));
  }
}
