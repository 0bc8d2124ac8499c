package dev.loyalty.core.insights;

import static dev.loyalty.core.insights.MonthlySeriesTest.INR;
import static dev.loyalty.core.insights.MonthlySeriesTest.USD;
import static dev.loyalty.core.insights.MonthlySeriesTest.amounts;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static dev.loyalty.core.testing.ChannelFixture.saleReturn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.MonthFigures;
import dev.loyalty.core.performance.ParticipantHistory;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Series from the history the engine keeps: one participant's, a category's, a group's total. */
class SalesSeriesTest {
  private static final PartnerId DEALER = PartnerId.of("dealer-a");
  private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

  /** The engine records invoices and a return; the history its performance store keeps becomes the series. */
  @Test
  void netSalesOfAPartner_comeFromTheHistoryTheEngineKeeps() {
    PerformanceStore store = PerformanceStore.inMemory();
    InMemoryPartnerDirectory directory = PartnerDirectory.inMemory()
        .put(Partner.of(DEALER, "Dealer A", PartnerType.DEALER, "north", "IN", INR, LocalDate.of(2026, 1, 1)));
    LoyaltyEngine engine = LoyaltyEngine.builder(ChannelFixture.program(300), new SampleRules()).directory(directory)
        .performance(store).clock(Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC)).build();
    Optional<MemberId> noRep = Optional.empty();
    engine.record(sale("INV-1", DEALER, noRep, at("2026-03-10"), "CAB-25", "cables", 10, "1000"));
    engine.record(sale("INV-2", DEALER, noRep, at("2026-03-20"), "SW-1", "switches", 4, "250.50"));
    engine.record(saleReturn("RET-1", DEALER, at("2026-04-05"), "INV-1", "CAB-25", 3));
    engine.record(sale("INV-3", DEALER, noRep, at("2026-06-01"), "CAB-25", "cables", 2, "1000"));
    engine.record(sale("INV-4", DEALER, noRep, at("2026-11-02"), "CAB-25", "cables", 99, "1000"));
    ParticipantHistory history = store.history(DEALER, INR);

    MonthlySeries sales = SalesSeries.netSales(history, OCTOBER).orElseThrow();

    assertThat(sales.start()).isEqualTo(YearMonth.of(2026, 3));
    assertThat(sales.end()).isEqualTo(OCTOBER);
    // March: 10,000 + 1,002; April: the return of 3 cables alone; May: nothing; June: 2 cables;
    // November (after the last complete month) is left out.
    assertThat(sales.amounts()).isEqualTo(amounts("11002", "-3000", "0", "2000", "0", "0", "0", "0"));
    assertThat(SalesSeries.categorySales(history, "switches", OCTOBER).orElseThrow().amounts())
        .isEqualTo(amounts("1002", "0", "0", "0", "0", "0", "0", "0"));
    assertThat(SalesSeries.categorySales(history, "cables", YearMonth.of(2026, 6)).orElseThrow().amounts())
        .isEqualTo(amounts("10000", "-3000", "0", "2000"));
    assertThat(SalesSeries.categorySales(history, "lighting", OCTOBER)).isEmpty();
    assertThat(store.history(DEALER, INR)).isEqualTo(history);
  }

  @Test
  void aNewPartner_hasNoSeriesOfItsOwnButAWindowFromItsEnrolment() {
    ParticipantHistory nothing = ParticipantHistory.empty(DEALER, INR);

    assertThat(SalesSeries.netSales(nothing, OCTOBER)).isEmpty();
    assertThat(SalesSeries.netSales(nothing, YearMonth.of(2026, 9), OCTOBER).amounts()).isEqualTo(amounts("0", "0"));
  }

  @Test
  void aWindow_leavesOutTheMonthsOutsideIt() {
    ParticipantHistory h = history(DEALER, INR, Map.of(YearMonth.of(2026, 1), "5", YearMonth.of(2026, 3), "7",
        YearMonth.of(2026, 5), "9"));

    assertThat(SalesSeries.netSales(h, YearMonth.of(2026, 2), YearMonth.of(2026, 4)).amounts())
        .isEqualTo(amounts("0", "7", "0"));
    assertThat(SalesSeries.netSales(h, YearMonth.of(2025, 12)))
        .as("nothing recorded up to then").isEmpty();
  }

  @Test
  void aGroupsTotal_addsItsParticipantsMonthByMonthFromTheFirstMonthAnyRecorded() {
    ParticipantHistory a = history(DEALER, INR, Map.of(YearMonth.of(2026, 8), "100", YearMonth.of(2026, 9), "-30"));
    ParticipantHistory b = history(PartnerId.of("dealer-b"), INR, Map.of(YearMonth.of(2026, 6), "7",
        YearMonth.of(2026, 9), "3"));
    ParticipantHistory silent = ParticipantHistory.empty(PartnerId.of("dealer-c"), INR);

    MonthlySeries total = SalesSeries.netSales(List.of(a, b, silent), OCTOBER).orElseThrow();

    assertThat(total.start()).isEqualTo(YearMonth.of(2026, 6));
    assertThat(total.amounts()).isEqualTo(amounts("7", "0", "100", "-27", "0"));
    assertThat(SalesSeries.netSales(List.of(silent), OCTOBER)).isEmpty();
  }

  @Test
  void aGroupsCategoryTotal_addsOnlyThatCategory() {
    ParticipantHistory a = ParticipantHistory.empty(DEALER, INR)
        .plus(contribution("A1", YearMonth.of(2026, 9), "100", Map.of("cables", "60", "switches", "40")));
    ParticipantHistory b = ParticipantHistory.empty(PartnerId.of("dealer-b"), INR)
        .plus(contribution("B1", YearMonth.of(2026, 10), "5", Map.of("cables", "5")));

    assertThat(SalesSeries.categorySales(List.of(a, b), "cables", OCTOBER).orElseThrow().amounts())
        .isEqualTo(amounts("60", "5"));
    assertThat(SalesSeries.categorySales(List.of(a, b), "switches", OCTOBER).orElseThrow().amounts())
        .isEqualTo(amounts("40", "0"));
  }

  // ---------------------------------------------------------------------------------------------
  // Refusals. Histories are immutable, so a refusal cannot have changed them; the list handed in
  // is checked to be unchanged.

  @Test
  void aGroupInTwoCurrencies_isRefusedNamingBothParticipants() {
    ParticipantHistory rupees = history(DEALER, INR, Map.of(YearMonth.of(2026, 1), "5"));
    ParticipantHistory dollars = history(PartnerId.of("us-dealer"), USD, Map.of(YearMonth.of(2030, 1), "5"));
    List<ParticipantHistory> group = new ArrayList<>(List.of(rupees, dollars));

    assertThatThrownBy(() -> SalesSeries.netSales(group, OCTOBER)).isInstanceOf(CurrencyMismatchException.class)
        .hasMessageContaining("Currency mismatch: cannot add partner dealer-a's sales (INR) and partner us-dealer's "
            + "sales (USD)");
    assertThatThrownBy(() -> SalesSeries.categorySales(group, "cables", OCTOBER))
        .isInstanceOf(CurrencyMismatchException.class).hasMessageContaining("us-dealer");
    assertThat(group).containsExactly(rupees, dollars);
  }

  @Test
  void aParticipantTwiceInAGroup_isRefused() {
    ParticipantHistory a = history(DEALER, INR, Map.of(YearMonth.of(2026, 1), "5"));

    assertThatThrownBy(() -> SalesSeries.netSales(List.of(a, a), OCTOBER)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partner dealer-a appears twice among the histories to add up");
  }

  @Test
  void figuresInAnotherCurrencyThanTheirHistory_areRefusedWithTheMonth() {
    TreeMap<YearMonth, MonthFigures> months = new TreeMap<>(Map.of(YearMonth.of(2026, 2),
        new MonthFigures(Money.of("5", "USD"), Map.of(), 1)));
    ParticipantHistory odd = new ParticipantHistory(DEALER, INR, months, Map.of(), Optional.empty(),
        dev.loyalty.core.performance.EarningHistory.empty());

    assertThatThrownBy(() -> SalesSeries.netSales(odd, OCTOBER)).isInstanceOf(CurrencyMismatchException.class)
        .hasMessageContaining("partner dealer-a's history (INR) and its figures of 2026-02 (USD)");
  }

  @Test
  void aWindowEndingBeforeItStarts_isRefused() {
    assertThatThrownBy(() -> SalesSeries.netSales(ParticipantHistory.empty(DEALER, INR), OCTOBER,
        YearMonth.of(2026, 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from 2026-10 through 2026-01 would end before it starts");
  }

  private static Instant at(String day) {
    return LocalDate.parse(day).atTime(10, 0).atZone(ChannelFixture.ZONE).toInstant();
  }

  private static ParticipantHistory history(PartnerId partner, Currency currency, Map<YearMonth, String> sales) {
    ParticipantHistory h = ParticipantHistory.empty(partner, currency);
    for (Map.Entry<YearMonth, String> month : new TreeMap<>(sales).entrySet()) {
      h = h.plus(new Contribution(ActivityId.of(partner.value() + "-" + month.getKey()),
          month.getKey().atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC), month.getKey(),
          Money.of(month.getValue(), currency.getCurrencyCode()), Map.of(), 1, Optional.empty()));
    }
    return h;
  }

  private static Contribution contribution(String id, YearMonth month, String sales, Map<String, String> categories) {
    Map<String, Money> byCategory = new TreeMap<>();
    categories.forEach((c, v) -> byCategory.put(c, Money.of(v, "INR")));
    return new Contribution(ActivityId.of(id), month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC), month,
        Money.of(sales, "INR"), byCategory, 1, Optional.empty());
  }
}
