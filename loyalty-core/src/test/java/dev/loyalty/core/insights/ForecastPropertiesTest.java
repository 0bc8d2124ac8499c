package dev.loyalty.core.insights;

import static dev.loyalty.core.insights.MonthlySeriesTest.INR;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the forecaster over random series: what a perfectly seasonal and a constant series
 * forecast, that forecasts scale with the series, that a backtest's fits never see a held-out
 * month, and that sums of series add month by month.
 */
class ForecastPropertiesTest {
  private static final Forecaster FORECASTER = Forecaster.monthly();

  /** Amounts in paise up to ten million rupees, some negative (months of net returns). */
  private static Arbitrary<BigDecimal> amounts() {
    return Arbitraries.longs().between(-100_000_000L, 1_000_000_000L).map(paise -> BigDecimal.valueOf(paise, 2));
  }

  @Provide
  Arbitrary<YearMonth> months() {
    return Arbitraries.integers().between(0, 360).map(i -> YearMonth.of(2000, 1).plusMonths(i));
  }

  @Provide
  Arbitrary<List<BigDecimal>> year() {
    return amounts().list().ofSize(Forecaster.SEASON);
  }

  @Provide
  Arbitrary<List<BigDecimal>> series() {
    return amounts().list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 200)
  void aPerfectlySeasonalSeries_isForecastExactlyByTheMethodAndTheBaseline(@ForAll("year") List<BigDecimal> pattern,
      @ForAll @IntRange(min = 12, max = 60) int length, @ForAll @IntRange(min = 0, max = 11) int phase,
      @ForAll @IntRange(min = 1, max = 36) int horizon, @ForAll("months") YearMonth start) {
    List<BigDecimal> values = new ArrayList<>();
    for (int t = 0; t < length; t++) {
      values.add(pattern.get((t + phase) % 12));
    }
    MonthlySeries history = MonthlySeries.of(INR, start, values);
    List<BigDecimal> expected = new ArrayList<>();
    for (int h = 1; h <= horizon; h++) {
      expected.add(pattern.get((length + h - 1 + phase) % 12).setScale(2));
    }

    Forecast method = FORECASTER.forecast(history, horizon);
    assertThat(method.method()).isEqualTo(length >= 24 ? ForecastMethod.HOLT_WINTERS : ForecastMethod.SEASONAL_NAIVE);
    assertThat(method.amounts()).isEqualTo(expected);
    assertThat(FORECASTER.seasonalNaive(history, horizon).amounts()).isEqualTo(expected);
    assertThat(method.months().get(0).month()).isEqualTo(history.end().plusMonths(1));
  }

  @Property(tries = 200)
  void aConstantSeries_isForecastAsThatConstant(@ForAll("constants") BigDecimal constant,
      @ForAll @IntRange(min = 1, max = 72) int length, @ForAll @IntRange(min = 1, max = 24) int horizon) {
    MonthlySeries history = MonthlySeries.of(INR, YearMonth.of(2020, 1), Collections.nCopies(length, constant));
    List<BigDecimal> expected = Collections.nCopies(horizon, constant.setScale(2));

    assertThat(FORECASTER.forecast(history, horizon).amounts()).isEqualTo(expected);
    assertThat(FORECASTER.seasonalNaive(history, horizon).amounts()).isEqualTo(expected);
  }

  @Provide
  Arbitrary<BigDecimal> constants() {
    return Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L).map(paise -> BigDecimal.valueOf(paise, 2));
  }

  /**
   * Multiplying a series by {@code k} multiplies its forecast by {@code k}, up to the rounding of
   * both to the paisa: {@code |F(k y) - k F(y)| <= (k + 1) / 2} paise. The baseline is exact.
   */
  @Property(tries = 200)
  void scalingASeries_scalesItsForecast(@ForAll("series") List<BigDecimal> values,
      @ForAll @IntRange(min = 2, max = 1000) int k, @ForAll @IntRange(min = 1, max = 18) int horizon) {
    BigDecimal factor = BigDecimal.valueOf(k);
    MonthlySeries history = MonthlySeries.of(INR, YearMonth.of(2020, 1), values);
    MonthlySeries scaled = MonthlySeries.of(INR, YearMonth.of(2020, 1),
        values.stream().map(v -> v.multiply(factor)).toList());

    Forecast f = FORECASTER.forecast(history, horizon);
    Forecast g = FORECASTER.forecast(scaled, horizon);

    assertThat(g.method()).isEqualTo(f.method());
    BigDecimal tolerance = BigDecimal.valueOf(k + 1L).multiply(new BigDecimal("0.005"));
    for (int h = 0; h < horizon; h++) {
      assertThat(g.amounts().get(h).subtract(f.amounts().get(h).multiply(factor)).abs())
          .isLessThanOrEqualTo(tolerance);
    }
    List<BigDecimal> baseline = FORECASTER.seasonalNaive(history, horizon).amounts();
    assertThat(FORECASTER.seasonalNaive(scaled, horizon).amounts()).usingElementComparator(BigDecimal::compareTo)
        .isEqualTo(baseline.stream().map(b -> b.multiply(factor)).toList());
  }

  /**
   * Each origin's forecasts are those of the history up to its last training month alone, and do
   * not change when every later month is replaced; nor does the scale of MASE.
   */
  @Property(tries = 60)
  void aBacktestNeverFitsToAHeldOutMonth(@ForAll("backtestCases") BacktestCase c) {
    Backtest b = FORECASTER.backtest(c.history, c.plan);

    for (BacktestOrigin o : b.origins()) {
      MonthlySeries known = c.history.through(o.lastTrainingMonth());
      int ahead = o.actuals().size();
      assertThat(o.methodForecasts()).isEqualTo(FORECASTER.forecast(known, ahead).amounts());
      assertThat(o.baselineForecasts()).isEqualTo(FORECASTER.seasonalNaive(known, ahead).amounts());
    }

    BacktestOrigin origin = b.origins().get(c.origin % b.origins().size());
    List<BigDecimal> altered = new ArrayList<>(c.history.amounts());
    int lastKnown = MonthlySeries.monthsBetween(c.history.start(), origin.lastTrainingMonth());
    for (int t = lastKnown + 1; t < altered.size(); t++) {
      altered.set(t, c.otherFuture.get(t));
    }
    Backtest other = FORECASTER.backtest(MonthlySeries.of(INR, c.history.start(), altered), c.plan);
    BacktestOrigin same = other.origins().get(c.origin % b.origins().size());

    assertThat(same.method()).isEqualTo(origin.method());
    assertThat(same.methodForecasts()).isEqualTo(origin.methodForecasts());
    assertThat(same.baselineForecasts()).isEqualTo(origin.baselineForecasts());
    assertThat(other.scale()).isEqualTo(b.scale());
  }

  record BacktestCase(MonthlySeries history, BacktestPlan plan, int origin, List<BigDecimal> otherFuture) {
  }

  @Provide
  Arbitrary<BacktestCase> backtestCases() {
    return Arbitraries.integers().between(25, 48).flatMap(length -> Arbitraries.integers()
        .between(1, Math.min(12, length - 13)).flatMap(holdout -> Combinators.combine(
            amounts().list().ofSize(length), Arbitraries.integers().between(1, holdout),
            Arbitraries.integers().between(0, holdout - 1), amounts().list().ofSize(length))
            .as((values, horizon, origin, otherFuture) -> new BacktestCase(
                MonthlySeries.of(INR, YearMonth.of(2021, 1), values), BacktestPlan.of(holdout, horizon), origin,
                otherFuture))));
  }

  @Property(tries = 300)
  void aSumOfSeries_addsThemMonthByMonthOverEveryMonthAnyCovers(@ForAll("manySeries") List<MonthlySeries> parts) {
    MonthlySeries sum = MonthlySeries.sum(parts);

    TreeMap<YearMonth, BigDecimal> model = new TreeMap<>();
    for (MonthlySeries s : parts) {
      s.asMap().forEach((m, a) -> model.merge(m, a, BigDecimal::add));
    }
    for (YearMonth m = model.firstKey(); !m.isAfter(model.lastKey()); m = m.plusMonths(1)) {
      model.putIfAbsent(m, BigDecimal.ZERO);
    }
    assertThat(sum.asMap().keySet()).isEqualTo(model.keySet());
    for (Map.Entry<YearMonth, BigDecimal> month : model.entrySet()) {
      assertThat(sum.asMap().get(month.getKey())).isEqualByComparingTo(month.getValue());
    }
  }

  @Provide
  Arbitrary<List<MonthlySeries>> manySeries() {
    Arbitrary<MonthlySeries> one = Combinators.combine(Arbitraries.integers().between(0, 36),
        amounts().list().ofMinSize(1).ofMaxSize(24))
        .as((offset, values) -> MonthlySeries.of(INR, YearMonth.of(2026, 1).plusMonths(offset), values));
    return one.list().ofMinSize(1).ofMaxSize(5);
  }
}
