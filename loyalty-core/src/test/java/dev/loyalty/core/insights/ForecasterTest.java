package dev.loyalty.core.insights;

import static dev.loyalty.core.insights.MonthlySeriesTest.INR;
import static dev.loyalty.core.insights.MonthlySeriesTest.amounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The method, its fallbacks, the baseline and the rounding, on series small enough to check by hand. */
class ForecasterTest {
  private static final Forecaster FORECASTER = Forecaster.monthly();
  private static final YearMonth JANUARY = YearMonth.of(2025, 1);

  /** 14 months from January 2025: the two latest Januaries and Februaries are 2026's. */
  private static final MonthlySeries FOURTEEN = MonthlySeries.of(INR, JANUARY,
      amounts("100", "120", "90", "80", "110", "130", "70", "60", "100", "140", "150", "50", "105", "125"));

  @Test
  void seasonalNaive_forecastsEachMonthAsTheSameMonthAYearEarlier() {
    Forecast f = FORECASTER.seasonalNaive(FOURTEEN, 14);

    assertThat(f.method()).isEqualTo(ForecastMethod.SEASONAL_NAIVE);
    assertThat(f.months().get(0).month()).isEqualTo(YearMonth.of(2026, 3));
    assertThat(f.months().get(13).month()).isEqualTo(YearMonth.of(2027, 4));
    // March 2026 is March 2025 (90) ... December 2026 is December 2025 (50); January 2027 is the
    // latest January (2026: 105), February 2027 the latest February (125), then March again (90).
    assertThat(f.amounts()).usingElementComparator(BigDecimal::compareTo).isEqualTo(amounts("90", "80", "110", "130",
        "70", "60", "100", "140", "150", "50", "105", "125", "90", "80"));
    assertThat(f.months()).allSatisfy(m -> assertThat(m.lower()).isEmpty());
    assertThat(f.backtest()).isEmpty();
    assertThat(f.currency()).isEqualTo(INR);
    assertThat(f.total()).isEqualByComparingTo("1380");
  }

  @Test
  void seasonalNaive_ofLessThanAYear_isNaive() {
    Forecast f = FORECASTER.seasonalNaive(MonthlySeries.of(INR, JANUARY, amounts("5", "9", "7")), 2);

    assertThat(f.method()).isEqualTo(ForecastMethod.NAIVE);
    assertThat(f.amounts()).usingElementComparator(BigDecimal::compareTo).isEqualTo(amounts("7", "7"));
    assertThat(f.basis()).contains("the last month (2025-03) carried forward: 3 months of history are fewer than the 12");
  }

  @Test
  void method_isHoltWintersFromTwoYearsOfHistory() {
    MonthlySeries history = repeated(2, "100", "120", "90", "80", "110", "130", "70", "60", "100", "140", "150", "50");

    Forecast f = FORECASTER.forecast(history, 3);

    assertThat(f.method()).isEqualTo(ForecastMethod.HOLT_WINTERS);
    assertThat(f.basis()).startsWith("Holt-Winters additive with damped trend (alpha ")
        .contains("fitted to the 24 months 2025-01..2026-12 by least squared one-step error");
    assertThat(f.amounts()).usingElementComparator(BigDecimal::compareTo).isEqualTo(amounts("100", "120", "90"));
  }

  @Test
  void method_fallsBackToSeasonalNaiveBelowTwoYearsAndSaysSo() {
    Forecast f = FORECASTER.forecast(FOURTEEN, 2);

    assertThat(f.method()).isEqualTo(ForecastMethod.SEASONAL_NAIVE);
    assertThat(f.amounts()).usingElementComparator(BigDecimal::compareTo).isEqualTo(amounts("90", "80"));
    assertThat(f.basis()).contains("14 months of history (2025-01..2026-02) are fewer than the 24 Holt-Winters needs");
  }

  @Test
  void method_fallsBackToSimpleExponentialSmoothingBelowAYear() {
    // the second error is 5 - 10 alpha: alpha 0.5, level 15 (see SimpleSmoothingTest)
    Forecast f = FORECASTER.forecast(MonthlySeries.of(INR, JANUARY, amounts("10", "20", "15")), 2);

    assertThat(f.method()).isEqualTo(ForecastMethod.SIMPLE_EXPONENTIAL_SMOOTHING);
    assertThat(f.amounts()).usingElementComparator(BigDecimal::compareTo).isEqualTo(amounts("15", "15"));
    assertThat(f.basis()).contains("(alpha 0.5)").contains("3 months of history (2025-01..2025-03) are fewer than the 12");
  }

  @Test
  void aNewPartnersSingleMonth_isCarriedForward() {
    Forecast f = FORECASTER.forecast(MonthlySeries.of(INR, JANUARY, amounts("4250.75")), 3);

    assertThat(f.amounts()).usingElementComparator(BigDecimal::compareTo).isEqualTo(amounts("4250.75", "4250.75",
        "4250.75"));
    assertThat(f.basis()).contains("the one month of history (2025-01) carried forward");
  }

  @Test
  void anAllZeroHistory_forecastsZeroAndIsNotABacktestWin() {
    MonthlySeries zeros = MonthlySeries.zeros(INR, JANUARY, YearMonth.of(2027, 12));

    assertThat(FORECASTER.forecast(zeros, 4).amounts()).allSatisfy(a -> assertThat(a).isZero());
    Backtest b = FORECASTER.backtest(zeros, BacktestPlan.of(12, 3));
    assertThat(b.scale()).isZero();
    assertThat(b.method().mase()).isEmpty();
    assertThat(b.method().wape()).isEmpty();
    assertThat(b.methodBeatsBaseline()).isFalse();
    Forecast shipped = FORECASTER.forecastWhereBetter(zeros, BacktestPlan.of(12, 3));
    assertThat(shipped.method()).isEqualTo(ForecastMethod.SEASONAL_NAIVE);
    assertThat(shipped.basis()).contains("did not beat seasonal naive in the backtest (mean absolute error 0.00 INR against 0.00 INR over 33 forecasts)");
  }

  @Test
  void netReturnsEveryMonth_areForecastAsNetReturns() {
    MonthlySeries returns = MonthlySeries.of(INR, JANUARY, Collections.nCopies(30, new BigDecimal("-250.40")));

    assertThat(FORECASTER.forecast(returns, 2).amounts()).usingElementComparator(BigDecimal::compareTo)
        .isEqualTo(amounts("-250.40", "-250.40"));
  }

  @Test
  void negativeMonths_areKeptAndTheForecastIsNotClampedAtZero() {
    // a partner whose net returns grow every month, with a season: the forecast goes below zero
    List<BigDecimal> declining = new ArrayList<>();
    for (int t = 0; t < 36; t++) {
      declining.add(BigDecimal.valueOf(500 - 40L * t + (t % 12 == 5 ? 60 : 0)));
    }
    Forecast f = FORECASTER.forecast(MonthlySeries.of(INR, JANUARY, declining), 3);

    assertThat(f.method()).isEqualTo(ForecastMethod.HOLT_WINTERS);
    assertThat(f.amounts()).allSatisfy(a -> assertThat(a).isNegative());
  }

  @Test
  void forecasts_areRoundedHalfEvenToTheMinorUnit() {
    MonthlySeries rupees = MonthlySeries.of(INR, JANUARY, amounts("10.125", "10.135", "-10.125", "1", "1", "1", "1",
        "1", "1", "1", "1", "1"));
    assertThat(FORECASTER.seasonalNaive(rupees, 3).amounts()).containsExactly(new BigDecimal("10.12"),
        new BigDecimal("10.14"), new BigDecimal("-10.12"));

    MonthlySeries yen = MonthlySeries.of(Currency.getInstance("JPY"), JANUARY, amounts("100.5", "101.5"));
    assertThat(FORECASTER.seasonalNaive(yen, 1).amounts()).containsExactly(new BigDecimal("102"));

    MonthlySeries gold = MonthlySeries.of(Currency.getInstance("XAU"), JANUARY, amounts("1.2345", "2.5"));
    assertThat(FORECASTER.seasonalNaive(gold, 1).amounts()).as("no minor unit: the history's decimals")
        .containsExactly(new BigDecimal("2.5000"));
  }

  @Test
  void forecastWhereBetter_shipsTheMethodWhereItBeatsTheBaseline_withIntervalsFromItsBacktestErrors() {
    // a strong trend: seasonal naive lags a year behind it
    List<BigDecimal> growing = new ArrayList<>();
    for (int t = 0; t < 48; t++) {
      growing.add(BigDecimal.valueOf(10_000 + 500L * t + (t % 12 == 10 ? 3_000 : 0) + (t * 7919 % 13) * 50));
    }
    MonthlySeries history = MonthlySeries.of(INR, JANUARY, growing);
    BacktestPlan plan = BacktestPlan.of(12, 6);

    Forecast f = FORECASTER.forecastWhereBetter(history, plan);

    assertThat(f.method()).isEqualTo(ForecastMethod.HOLT_WINTERS);
    Backtest b = f.backtest().orElseThrow();
    assertThat(b.methodBeatsBaseline()).isTrue();
    assertThat(f.basis()).startsWith("Holt-Winters additive with damped trend beat seasonal naive in the backtest (MASE ")
        .contains("over 57 forecasts), so the method: Holt-Winters additive with damped trend (alpha");
    assertThat(f.amounts()).isEqualTo(FORECASTER.forecast(history, 6).amounts());
    // 12, 11, 10, 9 errors 1 to 4 months ahead: intervals between the smallest and largest error
    // (j = floor((k + 1) / 10) = 1); 8 and 7 errors 5 and 6 months ahead: too few
    for (int h = 1; h <= 6; h++) {
      ForecastMonth month = f.months().get(h - 1);
      List<BigDecimal> errors = new ArrayList<>();
      for (BacktestOrigin o : b.origins()) {
        if (o.actuals().size() >= h) {
          errors.add(o.actuals().get(h - 1).subtract(o.methodForecasts().get(h - 1)));
        }
      }
      assertThat(errors).hasSize(13 - h);
      if (h <= 4) {
        assertThat(month.lower()).contains(month.amount().add(Collections.min(errors)).setScale(2));
        assertThat(month.upper()).contains(month.amount().add(Collections.max(errors)).setScale(2));
      } else {
        assertThat(month.lower()).isEmpty();
        assertThat(month.upper()).isEmpty();
      }
    }
  }

  @Test
  void forecastWhereBetter_shipsTheBaselineWhereTheMethodDoesNotBeatIt() {
    MonthlySeries exactYears = repeated(4, "100", "120", "90", "80", "110", "130", "70", "60", "100", "140", "150",
        "50.5");

    Forecast f = FORECASTER.forecastWhereBetter(exactYears, BacktestPlan.of(12, 3));

    assertThat(f.method()).isEqualTo(ForecastMethod.SEASONAL_NAIVE);
    assertThat(f.backtest().orElseThrow().baseline().meanAbsoluteError()).isZero();
    assertThat(f.basis()).contains("did not beat seasonal naive in the backtest", "so the baseline: seasonal naive");
    assertThat(f.months().get(0).lower()).as("the baseline never erred").contains(new BigDecimal("100.00"));
  }

  @Test
  void forecastWhereBetter_shipsTheBaselineWhereTheHistoryIsTooShortToBacktest() {
    Forecast f = FORECASTER.forecastWhereBetter(FOURTEEN, BacktestPlan.of(12, 2));

    assertThat(f.method()).isEqualTo(ForecastMethod.SEASONAL_NAIVE);
    assertThat(f.backtest()).isEmpty();
    assertThat(f.months()).allSatisfy(m -> assertThat(m.lower()).isEmpty());
    assertThat(f.basis()).startsWith("Not backtested (14 months of history; holding out 12 needs 25), so the baseline: "
        + "seasonal naive");
  }

  // ---------------------------------------------------------------------------------------------
  // Refusals. The forecaster is stateless and series are immutable: a refusal has nothing to undo.

  @Test
  void aHorizonOutsideOneToTenYears_isRefused() {
    for (int horizon : new int[] {0, -1, 121}) {
      assertThatThrownBy(() -> FORECASTER.forecast(FOURTEEN, horizon)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a forecast horizon is 1 to 120 months, got " + horizon);
      assertThatThrownBy(() -> FORECASTER.seasonalNaive(FOURTEEN, horizon)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a forecast horizon is 1 to 120 months, got " + horizon);
    }
  }

  @Test
  void aBacktestPlanOutOfRange_isRefused() {
    assertThatThrownBy(() -> BacktestPlan.of(0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a backtest holds out 1 to 120 months, got 0");
    assertThatThrownBy(() -> BacktestPlan.of(6, 7)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a backtest holding out 6 months forecasts 1 to 6 months ahead, got a horizon of 7");
    assertThatThrownBy(() -> BacktestPlan.of(6, -2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got a horizon of -2");
  }

  @Test
  void aBacktestOfTooShortAHistory_isRefusedWithWhatItNeeds() {
    assertThatThrownBy(() -> FORECASTER.backtest(FOURTEEN, BacktestPlan.of(12, 6)))
        .isInstanceOf(InsufficientHistoryException.class)
        .hasMessage("a backtest holding out 12 months needs at least 25 months of history; the series has 14 "
            + "(2025-01..2026-02)")
        .satisfies(e -> {
          assertThat(((InsufficientHistoryException) e).months()).isEqualTo(14);
          assertThat(((InsufficientHistoryException) e).needed()).isEqualTo(25);
        });
  }

  @Test
  void inconsistentResultRecords_areRefused() {
    YearMonth m = YearMonth.of(2026, 1);
    assertThatThrownBy(() -> new ForecastMonth(m, BigDecimal.ONE, Optional.of(BigDecimal.ONE), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs both bounds or neither");
    assertThatThrownBy(() -> new ForecastMonth(m, BigDecimal.ONE, Optional.of(BigDecimal.TEN), Optional.of(BigDecimal.ONE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower bound 10 above its upper bound 1");
    assertThatThrownBy(() -> new Forecast(ForecastMethod.NAIVE, "x", INR, List.of(ForecastMonth.point(m, BigDecimal.ONE),
        ForecastMonth.point(m.plusMonths(2), BigDecimal.ONE)), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consecutive, got 2026-01 then 2026-03");
    assertThatThrownBy(() -> new BacktestOrigin(m, ForecastMethod.NAIVE, amounts("1"), amounts("1", "2"), amounts("1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as many");
  }

  static MonthlySeries repeated(int years, String... year) {
    List<BigDecimal> all = new ArrayList<>();
    for (int y = 0; y < years; y++) {
      all.addAll(amounts(year));
    }
    return MonthlySeries.of(INR, JANUARY, all);
  }
}
