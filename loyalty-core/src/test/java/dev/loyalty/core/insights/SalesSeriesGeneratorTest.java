package dev.loyalty.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.testing.SalesSeriesGenerator;
import dev.loyalty.core.testing.SalesSeriesGenerator.GeneratedPartner;
import dev.loyalty.core.testing.SalesSeriesGenerator.Size;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated partners the backtest report rests on: deterministic, and as varied as described. */
class SalesSeriesGeneratorTest {
  private static final YearMonth THROUGH = YearMonth.of(2026, 10);

  @Test
  void theSameSeed_givesTheSamePartners_andTheFirstOnesDoNotDependOnHowManyAreDrawn() {
    List<GeneratedPartner> a = new SalesSeriesGenerator(18).partners(300, THROUGH, 60);

    assertThat(new SalesSeriesGenerator(18).partners(300, THROUGH, 60)).isEqualTo(a);
    assertThat(new SalesSeriesGenerator(18).partners(50, THROUGH, 60)).isEqualTo(a.subList(0, 50));
    assertThat(new SalesSeriesGenerator(19).partners(50, THROUGH, 60)).isNotEqualTo(a.subList(0, 50));
  }

  @Test
  void partners_areOfEverySize_withZeroMonthsNetReturnsAndNewcomers() {
    List<GeneratedPartner> partners = new SalesSeriesGenerator(18).partners(1000, THROUGH, 60);

    assertThat(partners).allSatisfy(p -> assertThat(p.sales().end()).isEqualTo(THROUGH));
    long large = partners.stream().filter(p -> p.size() == Size.LARGE).count();
    long small = partners.stream().filter(p -> p.size() == Size.SMALL).count();
    assertThat(large).isBetween(30L, 70L);
    assertThat(small).isBetween(650L, 750L);
    long newcomers = partners.stream().filter(p -> p.sales().length() < 60).count();
    assertThat(newcomers).isBetween(70L, 130L);
    assertThat(partners).allSatisfy(p -> assertThat(p.sales().length()).isBetween(3, 60));
    assertThat(partners.stream().filter(p -> p.sales().amounts().contains(BigDecimal.ZERO)).count())
        .isGreaterThan(300);
    assertThat(partners.stream().filter(p -> p.sales().amounts().stream().anyMatch(a -> a.signum() < 0)).count())
        .isGreaterThan(200);
    assertThat(partners.stream().filter(p -> p.size() == Size.LARGE).flatMap(p -> p.sales().amounts().stream()))
        .allSatisfy(a -> assertThat(a).isPositive());
  }

  @Test
  void theSeason_peaksInMarchAndTheFestiveMonthsAndAveragesToOne() {
    List<Double> season = SalesSeriesGenerator.SEASON;

    assertThat(season.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(12, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(season.get(2)).isGreaterThan(1.2);
    assertThat(season.get(10)).isGreaterThan(1.2);
    assertThat(season.get(6)).isLessThan(0.8);
  }
}
