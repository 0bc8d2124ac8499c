package dev.loyalty.core.insights;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.DISTRIBUTOR;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static dev.loyalty.core.testing.KpiScenario.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.KpiScenario;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A campaign's uplift against its partners' own baseline and the partners it did not target; the liability's projection. */
class UpliftAndProjectionTest {
  private static final CampaignId MONSOON = CampaignId.of("monsoon");
  private static final PartnerId RETAILER = PartnerId.of("retailer-new");

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private static ChannelFixture channel() {
    ChannelFixture f = new ChannelFixture(at("2026-08-01T09:00"));
    f.engine.record(sale("J-1", DEALERS.get(0), Optional.empty(), at("2026-06-10T10:00"), "CAB-25", "cables", 20, "1000"));
    f.engine.record(sale("J-2", RETAILER, Optional.empty(), at("2026-06-15T10:00"), "CAB-25", "cables", 10, "1000"));
    f.engine.record(sale("J-3", DEALERS.get(0), Optional.empty(), at("2026-07-05T10:00"), "CAB-25", "cables", 15, "1000"));
    f.engine.record(sale("J-4", DEALERS.get(1), Optional.empty(), at("2026-07-12T10:00"), "CAB-25", "cables", 10, "1000"));
    f.engine.record(sale("J-5", RETAILER, Optional.empty(), at("2026-07-20T10:00"), "CAB-25", "cables", 124, "100"));
    return f;
  }

  @Test
  void upliftAgainstTheOwnBaselineAndTheUntargetedPartners() {
    ChannelFixture f = channel();
    CampaignUplift uplift = f.engine.insights().campaignUplift(MONSOON, DateRange.month(YearMonth.of(2026, 6)),
        LocalDate.of(2026, 7, 31));
    assertThat(uplift.during()).isEqualTo(DateRange.month(YearMonth.of(2026, 7)));
    // targeted: the three north dealers, 20,000 in June's 30 days, 25,000 in July's 31:
    // 25000 x 30 / (20000 x 31) - 1 = 0.2096774193548387...; not targeted: the distributor and the
    // retailer, 10,000 then 12,400: 12400 x 30 / (10000 x 31) - 1 = 0.2
    assertThat(uplift.byCurrency()).singleElement().satisfies(u -> {
      assertThat(u.currency()).isEqualTo(INR);
      assertThat(u.targeted()).isEqualTo(new CampaignUplift.GroupSales(3, d("20000"), d("25000"),
          d("666.6666666666667"), d("806.4516129032258"), Optional.of(d("0.209677419354839"))));
      assertThat(u.control()).contains(new CampaignUplift.GroupSales(2, d("10000"), d("12400"),
          d("333.3333333333333"), d("400"), Optional.of(d("0.2"))));
      assertThat(u.uplift()).contains(d("0.009677419354839"));
    });
  }

  @Test
  void withoutUntargetedPartnersTheUpliftIsTheOwnChange() {
    ChannelFixture f = channel();
    CampaignUplift part = f.engine.insights().campaignUplift(MONSOON, DateRange.month(YearMonth.of(2026, 6)),
        LocalDate.of(2026, 7, 15));
    // to 15 July: 25,000 in 15 days against June's 20,000 in 30: 25000 x 30 / (20000 x 15) - 1 = 1.5
    assertThat(part.during()).isEqualTo(DateRange.of(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 15)));
    assertThat(part.byCurrency().get(0).targeted().change()).contains(d("1.5"));
    assertThat(part.byCurrency().get(0).control().orElseThrow().change()).contains(d("-1"));   // nothing by 15 July
    // a program whose campaign targets every partner has no control group
    ChannelFixture everyone = new ChannelFixture(at("2026-08-01T09:00"));
    everyone.engine.record(sale("K-1", DISTRIBUTOR, Optional.empty(), at("2026-06-10T10:00"), "CAB-25", "cables", 10,
        "1000"));
    everyone.directory.put(dev.loyalty.core.model.Partner.of(PartnerId.of("us-dealer"), "US", dev.loyalty.core.model
        .PartnerType.DEALER, "north", "US", Currency.getInstance("USD"), LocalDate.of(2026, 1, 1)));
    CampaignUplift usd = everyone.engine.insights().campaignUplift(MONSOON, DateRange.month(YearMonth.of(2026, 6)),
        LocalDate.of(2026, 7, 31));
    assertThat(usd.byCurrency()).extracting(CampaignUplift.CurrencyUplift::currency)
        .containsExactly(INR, Currency.getInstance("USD"));
    CampaignUplift.CurrencyUplift dollars = usd.byCurrency().get(1);
    assertThat(dollars.control()).isEmpty();
    assertThat(dollars.targeted().change()).isEmpty();   // no baseline sales: no change is defined
    assertThat(dollars.uplift()).isEmpty();
  }

  @Test
  void theLiabilityProjectsTheForecastMonthlyChangeFromWhatIsOutstanding() {
    ChannelFixture f = KpiScenario.run();
    LiabilityProjection projection = f.engine.insights().liabilityProjection(YearMonth.of(2026, 7), 6);
    assertThat(projection.outstanding()).isEqualTo(326);
    assertThat(projection.history()).containsExactly(new LiabilityProjection.Change(YearMonth.of(2026, 6), 200),
        new LiabilityProjection.Change(YearMonth.of(2026, 7), 126));
    Forecast expected = Forecaster.monthly().forecast(MonthlySeries.of(Currency.getInstance("XXX"),
        YearMonth.of(2026, 6), List.of(d("200"), d("126"))), 6);
    assertThat(projection.method()).isEqualTo(expected.method()).isEqualTo(ForecastMethod.SIMPLE_EXPONENTIAL_SMOOTHING);
    assertThat(projection.basis()).isEqualTo(expected.basis());
    long running = 326;
    assertThat(projection.months()).hasSize(6);
    for (int i = 0; i < 6; i++) {
      LiabilityProjection.Month m = projection.months().get(i);
      long change = expected.months().get(i).amount().setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
      running += change;
      assertThat(m.month()).isEqualTo(YearMonth.of(2026, 8).plusMonths(i));
      assertThat(m.change()).isEqualTo(change);
      assertThat(m.outstanding()).isEqualTo(running);
    }
    // an engine with nothing posted yet projects nothing
    LiabilityProjection empty = new ChannelFixture(at("2026-08-01T09:00")).engine.insights()
        .liabilityProjection(YearMonth.of(2026, 7), 2);
    assertThat(empty.outstanding()).isZero();
    assertThat(empty.months()).extracting(LiabilityProjection.Month::outstanding).containsExactly(0L, 0L);
  }

  @Test
  void aBudgetThatLastsAndOneNotStartedYet() {
    ChannelFixture f = channel();
    // monsoon's 300 points: J-3 150 x 50% = 75 (dealer-a), J-4 50 (dealer-b): 125 in 31 days
    BudgetBurn burn = f.engine.insights().budgetBurn(MONSOON, LocalDate.of(2026, 7, 31));
    assertThat(burn.spent()).isEqualTo(125);
    assertThat(burn.left()).isEqualTo(175);
    // 175 left, 125 / 31 a day for the 61 days to 30 September: 175 - 245.96... < 0, so it runs out:
    // ceil(175 / 4.032258064516129) = 44 days after 31 July
    assertThat(burn.runsOutOn()).contains(LocalDate.of(2026, 9, 13));
    BudgetBurn before = f.engine.insights().budgetBurn(MONSOON, LocalDate.of(2026, 6, 30));
    assertThat(before.daysElapsed()).isZero();
    assertThat(before.spent()).isZero();
    assertThat(before.summary()).isEqualTo("Campaign monsoon starts on 2026-07-01: nothing of its 300-point budget is"
        + " spent yet.");
    BudgetBurn early = f.engine.insights().budgetBurn(MONSOON, LocalDate.of(2026, 7, 10));
    // 75 in 10 days: 7.5 a day, 225 left for 81 days: lasts 30 days, to 9 August
    assertThat(early.perDay()).isEqualTo(d("7.5"));
    assertThat(early.runsOutOn()).contains(LocalDate.of(2026, 8, 9));
    BudgetBurn over = f.engine.insights().budgetBurn(MONSOON, LocalDate.of(2026, 10, 2));
    assertThat(over.summary()).isEqualTo("Campaign monsoon ended on 2026-09-30: its budget paid 125 of the 300 points"
        + " it was given.");
    assertThat(over.daysElapsed()).isEqualTo(92);
  }
}
