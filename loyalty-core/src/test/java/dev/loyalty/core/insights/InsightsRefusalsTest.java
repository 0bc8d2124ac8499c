package dev.loyalty.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.KpiScenario;
import dev.loyalty.core.testing.Refusals;
import dev.loyalty.ledger.TrialBalance;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every bad question to {@code engine.insights()} gets a clear error and changes nothing. */
class InsightsRefusalsTest {
  private static final DateRange JULY = DateRange.month(YearMonth.of(2026, 7));
  private final ChannelFixture f = KpiScenario.run();
  private final Insights insights = f.engine.insights();

  /** What must not change: the ledger, the events, and the figures insights report. */
  private record State(TrialBalance ledger, int events, ProgramKpis kpis) {
  }

  private State state() {
    return new State(f.ledger.trialBalance(), f.events.size(), insights.kpis(JULY, ParticipantFilter.everyone()));
  }

  private void refused(ThrowingCallable call, Class<? extends Throwable> type, String... messageParts) {
    Refusals.refused(this::state, call, type, messageParts);
  }

  @Test
  void anUnknownCampaign() {
    refused(() -> insights.budgetBurn(CampaignId.of("diwali"), LocalDate.of(2026, 7, 31)),
        UnknownCampaignException.class, "acme-2026", "diwali");
    refused(() -> insights.campaignUplift(CampaignId.of("diwali"), DateRange.month(YearMonth.of(2026, 6)),
        LocalDate.of(2026, 7, 31)), UnknownCampaignException.class, "diwali");
  }

  @Test
  void anUpliftBeforeTheCampaignStarts() {
    refused(() -> insights.campaignUplift(CampaignId.of("monsoon"), DateRange.month(YearMonth.of(2026, 5)),
        LocalDate.of(2026, 6, 30)), IllegalArgumentException.class, "monsoon", "2026-07-01", "2026-06-30");
  }

  @Test
  void theRankOfSomeoneNotInTheDirectory() {
    LeaderboardQuery query = LeaderboardQuery.of(LeaderboardQuery.Kind.PARTNERS, LeaderboardQuery.Metric.POINTS,
        JULY, 3);
    refused(() -> insights.rank(PartnerId.of("dealer-x"), query), UnknownPartnerException.class, "dealer-x");
    refused(() -> insights.rank(MemberId.of("ghost"), query), UnknownMemberException.class, "ghost");
  }

  @Test
  void aSalesLeaderboardAcrossCurrencies() {
    f.directory.put(Partner.of(PartnerId.of("us-dealer"), "US Dealer", PartnerType.DEALER, "north", "US",
        Currency.getInstance("USD"), LocalDate.of(2026, 1, 1)));
    LeaderboardQuery sales = LeaderboardQuery.of(LeaderboardQuery.Kind.PARTNERS, LeaderboardQuery.Metric.SALES,
        JULY, 3);
    refused(() -> insights.leaderboard(sales), CurrencyMismatchException.class, "dealer-a", "INR", "us-dealer",
        "USD");
    // by points, or among the partners of one currency, they rank
    assertThat(insights.leaderboard(sales.filter(ParticipantFilter.everyone().regions("north")
        .partnerTypes(PartnerType.DISTRIBUTOR))).ranked()).isEqualTo(1);
  }

  @Test
  void badArgumentsAreProgrammingErrors() {
    assertThatThrownBy(() -> DateRange.of(LocalDate.of(2026, 7, 31), LocalDate.of(2026, 7, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-07-01").hasMessageContaining("2026-07-31");
    assertThatThrownBy(() -> LeaderboardQuery.of(LeaderboardQuery.Kind.PARTNERS, LeaderboardQuery.Metric.POINTS, JULY, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("asked for 0");
    refused(() -> insights.liabilityProjection(YearMonth.of(2026, 7), 0), IllegalArgumentException.class,
        "1 to 120 months", "asked for 0");
    refused(() -> insights.tierMovement(LocalDate.of(2026, 7, 31), LocalDate.of(2026, 7, 1),
        ParticipantFilter.everyone()), IllegalArgumentException.class, "2026-07-01", "2026-07-31");
    refused(() -> insights.kpis(JULY, null), NullPointerException.class, "filter");
  }
}
