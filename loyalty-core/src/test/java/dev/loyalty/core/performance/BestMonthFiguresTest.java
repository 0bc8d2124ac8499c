package dev.loyalty.core.performance;

import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.PartnerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The best earlier month and the months with sales, which the milestone rules read. */
class BestMonthFiguresTest {
  private static final PartnerId DEALER = PartnerId.of("dealer-a");

  private static ParticipantHistory plus(ParticipantHistory h, String id, YearMonth month, String sales) {
    Instant at = month.atDay(10).atStartOfDay(ZONE).toInstant();
    return h.plus(new Contribution(ActivityId.of(id), at, month, Money.of(new BigDecimal(sales), INR), Map.of(), 1,
        Optional.empty()));
  }

  @Test
  void theBestEarlierMonthLeavesOutTheCurrentOneAndMonthsOfNetReturns() {
    ParticipantHistory h = ParticipantHistory.empty(DEALER, INR);
    h = plus(h, "A", YearMonth.of(2026, 3), "42000");
    h = plus(h, "B", YearMonth.of(2026, 4), "-500");
    h = plus(h, "C", YearMonth.of(2026, 5), "30000");
    h = plus(h, "D", YearMonth.of(2026, 7), "90000");   // the current month: not "earlier"
    h = plus(h, "E", YearMonth.of(2026, 9), "99000");   // dated after asOf: not counted yet
    PerformanceFigures f = PerformanceFigures.of(h, YearMonth.of(2026, 7).atDay(20).atStartOfDay(ZONE).toInstant(),
        ZONE, 3);
    assertThat(f.bestMonthSales()).isEqualTo(Money.of(new BigDecimal("42000"), INR));
    assertThat(f.monthsWithSales()).isEqualTo(2);
    PerformanceFigures none = PerformanceFigures.of(ParticipantHistory.empty(DEALER, INR), Instant.EPOCH, ZONE, 3);
    assertThat(none.bestMonthSales().isZero()).isTrue();
    assertThat(none.monthsWithSales()).isZero();
  }
}
