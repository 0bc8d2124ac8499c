package dev.loyalty.core.insights;

import static dev.loyalty.core.insights.MonthlySeriesTest.amounts;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.performance.ParticipantHistory;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SalesSeriesGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/INSIGHTS.md honest: its quick start runs as written (on an engine's own performance
 * store), and its worked example and its example forecast are what the code computes.
 */
class InsightsDocumentationTest {
  // Surefire runs in the module's directory.
  private static final Path DOC = Path.of("../docs/INSIGHTS.md");

  @Test
  void theQuickStartRuns() {
    PerformanceStore store = PerformanceStore.inMemory();
    LoyaltyEngine engine = LoyaltyEngine.builder(ChannelFixture.program(300), new dev.loyalty.core.testing.SampleRules())
        .directory(PartnerDirectory.inMemory().put(Partner.of(PartnerId.of("sharma"), "Sharma Electricals",
            PartnerType.DEALER, "north", "IN", Currency.getInstance("INR"), LocalDate.of(2026, 1, 1))))
        .performance(store).clock(Clock.fixed(Instant.parse("2026-11-03T00:00:00Z"), ZoneOffset.UTC)).build();
    for (int month = 1; month <= 10; month++) {
      engine.record(sale("INV-" + month, PartnerId.of("sharma"), Optional.empty(),
          LocalDate.of(2026, month, 15).atStartOfDay(ChannelFixture.ZONE).toInstant(), "CAB-25", "cables", month, "1000"));
    }

    // as in the doc
    ParticipantHistory history = store.history(PartnerId.of("sharma"), Currency.getInstance("INR"));
    MonthlySeries sales = SalesSeries.netSales(history, YearMonth.of(2026, 10)).orElseThrow();
    Forecast next = Forecaster.monthly().forecastWhereBetter(sales, BacktestPlan.of(18, 6));

    assertThat(sales.length()).isEqualTo(10);
    assertThat(next.method()).isEqualTo(ForecastMethod.NAIVE);
    assertThat(next.basis()).startsWith("Not backtested (10 months of history; holding out 18 needs 31)");
    assertThat(next.months()).extracting(ForecastMonth::month).containsExactly(YearMonth.of(2026, 11),
        YearMonth.of(2026, 12), YearMonth.of(2027, 1), YearMonth.of(2027, 2), YearMonth.of(2027, 3),
        YearMonth.of(2027, 4));
    assertThat(next.total()).isEqualByComparingTo("60000");
    assertThat(next.backtest()).isEmpty();
    assertThat(doc()).contains("SalesSeries.netSales(history, YearMonth.of(2026, 10)).orElseThrow();",
        "Forecast next = Forecaster.monthly().forecastWhereBetter(sales, BacktestPlan.of(18, 6));");
  }

  @Test
  void theWorkedExampleIsWhatTheBacktestComputes() {
    MonthlySeries sales = MonthlySeries.of(Currency.getInstance("INR"), YearMonth.of(2025, 1), amounts("100", "120",
        "90", "80", "110", "130", "70", "60", "100", "140", "150", "50", "110", "125", "80"));

    Backtest b = Forecaster.monthly().backtest(sales, BacktestPlan.of(2, 2));

    assertThat(doc()).contains("100, 120, 90, 80, 110, 130, 70, 60, 100, 140, 150, 50, 110, 125, 80",
        row("MAE", b.method().meanAbsoluteError(), b.baseline().meanAbsoluteError()),
        row("MASE", b.method().mase().orElseThrow(), b.baseline().mase().orElseThrow()),
        row("WAPE", b.method().wape().orElseThrow(), b.baseline().wape().orElseThrow()),
        row("MAE 1 month ahead", b.method().maeByHorizon().get(0), b.baseline().maeByHorizon().get(0)),
        row("MAE 2 months ahead", b.method().maeByHorizon().get(1), b.baseline().maeByHorizon().get(1)),
        "| method beats baseline | " + (b.methodBeatsBaseline() ? "yes" : "no") + " | |",
        "`|110 - 100| = " + b.scale().toPlainString() + "`");
  }

  @Test
  void theExampleForecastIsWhatTheForecasterSays() {
    MonthlySeries sales = new SalesSeriesGenerator(18).partner(0, YearMonth.of(2026, 10), 60).sales();

    Forecast f = Forecaster.monthly().forecastWhereBetter(sales, BacktestPlan.of(18, 6));

    String shown = f.basis() + "\n" + f.months().stream().map(m -> m.month() + "  " + m.amount().toPlainString() + "  "
        + m.lower().orElseThrow().toPlainString() + " .. " + m.upper().orElseThrow().toPlainString())
        .collect(Collectors.joining("\n"));
    assertThat(doc()).contains("```text\n" + shown + "\n```");
  }

  private static String row(String measure, BigDecimal method, BigDecimal baseline) {
    return "| " + measure + " | " + method.toPlainString() + " | " + baseline.toPlainString() + " |";
  }

  private static String doc() {
    try {
      return Files.readString(DOC);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
