package dev.loyalty.examples.bench;

import static dev.loyalty.examples.bench.BenchReport.commandLine;

import dev.loyalty.core.insights.Backtest;
import dev.loyalty.core.insights.BacktestPlan;
import dev.loyalty.core.insights.Forecast;
import dev.loyalty.core.insights.ForecastMethod;
import dev.loyalty.core.insights.ForecastMonth;
import dev.loyalty.core.insights.Forecaster;
import dev.loyalty.core.insights.MonthlySeries;
import dev.loyalty.core.testing.SalesSeriesGenerator;
import dev.loyalty.core.testing.SalesSeriesGenerator.GeneratedPartner;
import dev.loyalty.core.testing.SalesSeriesGenerator.Size;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * How the forecaster's method (Holt-Winters, damped, additive) does against the seasonal-naive
 * baseline on generated channel partners ({@link SalesSeriesGenerator}: seasonality, trend, noise,
 * a few large partners and many small ones, zero months, net returns, new partners), overall and by
 * partner size. Three views:
 * <ol>
 *   <li><b>Backtest</b>: every partner's rolling-origin backtest (the last 18 months held out,
 *       forecasts 1 to 6 months ahead), the method's MASE and WAPE next to the baseline's, and how
 *       many partners the method beats the baseline for.
 *   <li><b>Unseen months</b>: the last 6 months of every partner are cut off; the method, the
 *       baseline and {@link Forecaster#forecastWhereBetter} (the method where its backtest on the
 *       remaining history beats the baseline) forecast them, and are scored on them; the share of
 *       those months inside the 80% intervals.
 *   <li><b>Regions</b>: the backtest of each region's total.
 * </ol>
 *
 * <p>Run it from the repository root (about 15 seconds on 2 cores for 1,000 partners; {@code
 * --quick}: 200 partners):
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.ForecastBacktest
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.ForecastBacktest -Dexec.args="--quick"
 * </pre>
 */
public final class ForecastBacktest {
  private static final String COMMAND = "mvn -q test-compile exec:java -Ddemo.main="
      + ForecastBacktest.class.getName();
  static final long SEED = 18;
  static final YearMonth THROUGH = YearMonth.of(2026, 10);
  static final int MONTHS = 60;
  static final BacktestPlan PLAN = BacktestPlan.of(18, 6);
  static final int UNSEEN = 6;
  private static final Forecaster FORECASTER = Forecaster.monthly();

  private final PrintStream out;

  ForecastBacktest(PrintStream out) {
    this.out = out;
  }

  /** Arguments: {@code --quick} for 200 partners instead of 1,000; {@code --help}. */
  public static void main(String[] args) {
    Optional<Boolean> quick = BenchReport.quickOrFull(args, COMMAND, "200 partners, a few seconds",
        "the default: 1,000 partners, about 15 seconds on 2 cores");
    if (quick.isPresent()) {
      new ForecastBacktest(System.out).run(quick.get() ? 200 : 1000, commandLine(COMMAND, args));
    }
  }

  /** Scores and sums of one group of partners for one forecaster. */
  static final class Tally {
    final List<Double> mase = new ArrayList<>();
    BigDecimal absoluteErrors = BigDecimal.ZERO;
    BigDecimal absoluteActuals = BigDecimal.ZERO;
    int partners;
    int wins;
    int unscaled;

    void add(Optional<BigDecimal> scaled, BigDecimal errors, BigDecimal actuals) {
      partners++;
      scaled.ifPresentOrElse(m -> mase.add(m.doubleValue()), () -> unscaled++);
      absoluteErrors = absoluteErrors.add(errors);
      absoluteActuals = absoluteActuals.add(actuals);
    }

    double meanMase() {
      return mase.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double medianMase() {
      List<Double> sorted = mase.stream().sorted().toList();
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The WAPE of the group pooled: all absolute errors over all absolute actuals (large partners weigh most). */
    double pooledWape() {
      return absoluteActuals.signum() == 0 ? Double.NaN
          : absoluteErrors.divide(absoluteActuals, MathContext.DECIMAL64).doubleValue();
    }
  }

  /** Generates {@code count} partners and prints the three views for them. */
  void run(int count, String command) {
    long started = System.nanoTime();
    out.println("# Forecast backtest");
    out.println();
    out.println("Command: `" + command + "`");
    out.println(BenchReport.jvm() + " on " + BenchReport.osAndCpu() + ", " + BenchReport.machine());
    List<GeneratedPartner> partners = new SalesSeriesGenerator(SEED).partners(count, THROUGH, MONTHS);
    Map<Size, Integer> sizes = new EnumMap<>(Size.class);
    partners.forEach(p -> sizes.merge(p.size(), 1, Integer::sum));
    long newPartners = partners.stream().filter(p -> p.sales().length() < MONTHS).count();
    out.printf(Locale.ROOT, "%n%,d generated partners (seed %d, %d months through %s): %s; %d new (3 to 35 months).%n",
        count, SEED, MONTHS, THROUGH, sizes, newPartners);

    backtests(partners);
    unseen(partners);
    regions(partners);
    out.printf(Locale.ROOT, "%nTotal time %.1f s.%n", (System.nanoTime() - started) / 1e9);
  }

  private void backtests(List<GeneratedPartner> partners) {
    long started = System.nanoTime();
    Map<String, Tally> method = new LinkedHashMap<>();
    Map<String, Tally> baseline = new LinkedHashMap<>();
    int skipped = 0;
    for (GeneratedPartner p : partners) {
      if (p.sales().length() < PLAN.minimumHistory()) {
        skipped++;
        continue;
      }
      Backtest b = FORECASTER.backtest(p.sales(), PLAN);
      for (String group : List.of("all", p.size().name().toLowerCase(Locale.ROOT))) {
        Tally m = method.computeIfAbsent(group, g -> new Tally());
        Tally s = baseline.computeIfAbsent(group, g -> new Tally());
        BigDecimal count = BigDecimal.valueOf(b.method().errors());
        BigDecimal actuals = b.origins().stream().flatMap(o -> o.actuals().stream()).map(BigDecimal::abs)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
        m.add(b.method().mase(), b.method().meanAbsoluteError().multiply(count), actuals);
        s.add(b.baseline().mase(), b.baseline().meanAbsoluteError().multiply(count), actuals);
        if (b.methodBeatsBaseline()) {
          m.wins++;
        }
      }
    }
    out.printf(Locale.ROOT, "%n## 1. Backtest: last %d months held out, %d to %d months ahead (%.1f s)%n%n",
        PLAN.holdout(), 1, PLAN.horizon(), (System.nanoTime() - started) / 1e9);
    out.printf("%d partners with fewer than %d months are not backtested.%n%n", skipped, PLAN.minimumHistory());
    out.println("| partners | n | mean MASE method | mean MASE seasonal naive | median MASE method | median MASE seasonal naive"
        + " | pooled WAPE method | pooled WAPE seasonal naive | method beats baseline |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String group : method.keySet()) {
      Tally m = method.get(group);
      Tally s = baseline.get(group);
      out.printf(Locale.ROOT, "| %s | %,d | %.3f | %.3f | %.3f | %.3f | %.1f%% | %.1f%% | %,d (%.0f%%) |%n", group,
          m.partners, m.meanMase(), s.meanMase(), m.medianMase(), s.medianMase(), m.pooledWape() * 100,
          s.pooledWape() * 100, m.wins, 100.0 * m.wins / m.partners);
    }
    int unscaled = method.get("all").unscaled;
    if (unscaled > 0) {
      out.printf("%n%d partners have no MASE (their first training months repeat exactly every year).%n", unscaled);
    }
  }

  private void unseen(List<GeneratedPartner> partners) {
    long started = System.nanoTime();
    Map<String, BiFunction<MonthlySeries, Integer, Forecast>> forecasters = new LinkedHashMap<>();
    forecasters.put("method (Holt-Winters; fallbacks on short histories)", FORECASTER::forecast);
    forecasters.put("seasonal naive", FORECASTER::seasonalNaive);
    forecasters.put("method where it beats the baseline (forecastWhereBetter)",
        (history, horizon) -> FORECASTER.forecastWhereBetter(history, BacktestPlan.of(PLAN.holdout(), horizon)));
    Map<String, Tally> tallies = new LinkedHashMap<>();
    Map<String, Integer> choices = new TreeMap<>();
    int inside = 0;
    int withInterval = 0;
    int scored = 0;
    for (GeneratedPartner p : partners) {
      MonthlySeries sales = p.sales();
      if (sales.length() <= UNSEEN) {
        continue;
      }
      scored++;
      MonthlySeries history = sales.through(sales.end().minusMonths(UNSEEN));
      List<BigDecimal> actual = sales.amounts().subList(sales.length() - UNSEEN, sales.length());
      Optional<BigDecimal> scale = seasonalNaiveScale(history.amounts());
      BigDecimal actuals = actual.stream().map(BigDecimal::abs).reduce(BigDecimal.ZERO, BigDecimal::add);
      for (Map.Entry<String, BiFunction<MonthlySeries, Integer, Forecast>> f : forecasters.entrySet()) {
        Forecast forecast = f.getValue().apply(history, UNSEEN);
        BigDecimal errors = BigDecimal.ZERO;
        for (int i = 0; i < UNSEEN; i++) {
          errors = errors.add(actual.get(i).subtract(forecast.months().get(i).amount()).abs());
        }
        BigDecimal mae = errors.divide(BigDecimal.valueOf(UNSEEN), MathContext.DECIMAL64);
        tallies.computeIfAbsent(f.getKey(), k -> new Tally())
            .add(scale.map(s -> mae.divide(s, MathContext.DECIMAL64)), errors, actuals);
        if (forecast.backtest().isPresent() || f.getKey().contains("forecastWhereBetter")) {
          choices.merge(choice(forecast), 1, Integer::sum);
          for (int i = 0; i < UNSEEN; i++) {
            ForecastMonth month = forecast.months().get(i);
            if (month.lower().isPresent()) {
              withInterval++;
              if (month.lower().get().compareTo(actual.get(i)) <= 0 && actual.get(i).compareTo(month.upper().get()) <= 0) {
                inside++;
              }
            }
          }
        }
      }
    }
    out.printf(Locale.ROOT, "%n## 2. Unseen months: the last %d months of each partner forecast from the months before (%.1f s)%n%n",
        UNSEEN, (System.nanoTime() - started) / 1e9);
    out.printf("%,d partners with more than %d months; MASE scaled by each history's in-sample seasonal-naive error "
        + "(partners with at least 13 months of history).%n%n", scored, UNSEEN);
    out.println("| forecaster | mean MASE | median MASE | pooled WAPE |");
    out.println("|---|---:|---:|---:|");
    tallies.forEach((name, t) -> out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.1f%% |%n", name, t.meanMase(),
        t.medianMase(), t.pooledWape() * 100));
    out.printf(Locale.ROOT, "%nforecastWhereBetter chose: %s. %d%% of %,d forecast months with an 80%% interval "
        + "held the actual amount.%n", choices, Math.round(100.0 * inside / Math.max(1, withInterval)), withInterval);
  }

  private static String choice(Forecast f) {
    if (f.backtest().isEmpty()) {
      return "baseline, not backtested";
    }
    return f.method() == ForecastMethod.HOLT_WINTERS ? "method" : "baseline";
  }

  private void regions(List<GeneratedPartner> partners) {
    long started = System.nanoTime();
    Map<String, List<MonthlySeries>> byRegion = new TreeMap<>();
    partners.forEach(p -> byRegion.computeIfAbsent(p.region(), r -> new ArrayList<>()).add(p.sales()));
    List<String> rows = new ArrayList<>();
    for (Map.Entry<String, List<MonthlySeries>> region : byRegion.entrySet()) {
      Backtest b = FORECASTER.backtest(MonthlySeries.sum(region.getValue()), PLAN);
      rows.add(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.1f%% | %.1f%% | %s |", region.getKey(),
          region.getValue().size(), b.method().mase().orElseThrow(), b.baseline().mase().orElseThrow(),
          b.method().wape().orElseThrow().doubleValue() * 100, b.baseline().wape().orElseThrow().doubleValue() * 100,
          b.methodBeatsBaseline() ? "yes" : "no"));
    }
    out.printf(Locale.ROOT, "%n## 3. Regions: backtest of each region's total (%.1f s)%n%n", (System.nanoTime() - started) / 1e9);
    out.println("| region | partners | MASE method | MASE seasonal naive | WAPE method | WAPE seasonal naive | method beats baseline |");
    out.println("|---|---:|---:|---:|---:|---:|---|");
    rows.forEach(out::println);
  }

  /** The in-sample mean absolute error of the one-step seasonal-naive forecast; empty below 13 months or if zero. */
  private static Optional<BigDecimal> seasonalNaiveScale(List<BigDecimal> y) {
    int season = Forecaster.SEASON;
    if (y.size() <= season) {
      return Optional.empty();
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (int t = season; t < y.size(); t++) {
      sum = sum.add(y.get(t).subtract(y.get(t - season)).abs());
    }
    return sum.signum() == 0 ? Optional.empty()
        : Optional.of(sum.divide(BigDecimal.valueOf(y.size() - season), MathContext.DECIMAL64));
  }
}
