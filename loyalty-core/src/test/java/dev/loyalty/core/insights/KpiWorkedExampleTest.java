package dev.loyalty.core.insights;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.DISTRIBUTOR;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.SILVER;
import static dev.loyalty.core.testing.ChannelFixture.GOLD;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.KpiScenario;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The worked example of docs/INSIGHTS.md against figures computed by hand (the comments show the
 * arithmetic), figure by figure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiWorkedExampleTest {
  private static final DateRange JULY = DateRange.month(YearMonth.of(2026, 7));
  private ChannelFixture f;
  private Insights insights;
  private ProgramKpis kpis;

  @BeforeAll
  void run() {
    f = KpiScenario.run();
    insights = f.engine.insights();
    kpis = insights.kpis(JULY, ParticipantFilter.everyone());
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void pointsFlow() {
    // opening: INV-1's 200 (dealer-a 140, its rep 60); issued: INV-2 300 base + 150 campaign, INV-3 100 + 50,
    // TRN-1 50; taken back: half of INV-2's four awards, rounded down: 105 + 45 + 52 + 22; expired: INV-1's
    // 200 at the close of 15 July; redeemed: 100
    ProgramKpis.PointsFlow p = kpis.points();
    assertThat(p.outstandingAtStart()).isEqualTo(200);
    assertThat(p.issued()).isEqualTo(650);
    assertThat(p.takenBack()).isEqualTo(224);
    assertThat(p.shortfall()).isZero();
    assertThat(p.expired()).isEqualTo(200);
    assertThat(p.redeemed()).isEqualTo(100);
    assertThat(p.other()).isZero();
    assertThat(p.outstandingAtEnd()).isEqualTo(200 + 650 - 224 - 200 - 100).isEqualTo(326);
    assertThat(p.netIssued()).isEqualTo(426);
    assertThat(p.redemptionRate()).contains(d("0.2347417840375587"));   // 100 / 426
    assertThat(p.breakageRate()).contains(d("0.4694835680751174"));     // 200 / 426
  }

  @Test
  void liability() {
    ProgramKpis.Liability l = kpis.liability();
    assertThat(l.asOf()).isEqualTo(LocalDate.of(2026, 7, 31));
    assertThat(l.points()).isEqualTo(326);
    assertThat(l.expiredToDate()).isEqualTo(200);
    assertThat(l.redeemedToDate()).isEqualTo(100);
    assertThat(l.expectedBreakageRate()).contains(d("0.6666666666666667"));   // 200 / (200 + 100)
    // 326 x 0.25 = 81.50; x 100 / 300 = 27.1666... -> 27.17
    assertThat(l.byCurrency()).containsExactly(new ProgramKpis.CurrencyLiability(INR, 326, d("0.25"), d("81.50"),
        d("27.17")));
    assertThat(l.unvaluedPoints()).isZero();
  }

  @Test
  void participation() {
    // partners: dealer-a (INV-2, R-1), dealer-b (INV-3), dealer-c (its rep's training) of 5;
    // members: dealer-a's rep 1 and dealer-c's rep 1 of 6
    assertThat(kpis.partners()).isEqualTo(new ProgramKpis.Participation(5, 3, Optional.of(d("0.6"))));
    assertThat(kpis.members()).isEqualTo(new ProgramKpis.Participation(6, 2, Optional.of(d("0.3333333333333333"))));
    assertThat(kpis.learning()).isEqualTo(new ProgramKpis.Learning(11, 1, 1, 0, 0,
        Optional.of(d("0.09090909090909091")), Optional.of(BigDecimal.ZERO)));
  }

  @Test
  void costs() {
    RuleRef base = RuleRef.of("base-points", "sample-1");
    RuleRef bonus = RuleRef.of("campaign-bonus:monsoon", "sample-1");
    RuleRef training = RuleRef.of("training", "sample-1");
    assertThat(kpis.costByRule()).containsExactly(
        new ProgramKpis.RuleCost(base, 400, 150, 250, List.of(money(250, "62.50"))),
        new ProgramKpis.RuleCost(bonus, 200, 74, 126, List.of(money(126, "31.50"))),
        new ProgramKpis.RuleCost(training, 50, 0, 50, List.of(money(50, "12.50"))));
    assertThat(kpis.costByCampaign()).containsExactly(new ProgramKpis.CampaignCost(CampaignId.of("monsoon"), 200, 74,
        126, List.of(money(126, "31.50"))));
    assertThat(kpis.costByRule().stream().mapToLong(ProgramKpis.RuleCost::net).sum())
        .isEqualTo(kpis.points().netIssued());
  }

  private static ProgramKpis.MoneyValue money(long points, String amount) {
    return new ProgramKpis.MoneyValue(INR, points, d(amount));
  }

  @Test
  void tiers() {
    Optional<TierId> none = Optional.empty();
    Optional<TierId> silver = Optional.of(SILVER);
    Optional<TierId> gold = Optional.of(GOLD);
    assertThat(kpis.tiers().partners()).containsExactly(count(none, 2), count(silver, 3), count(gold, 0));
    assertThat(kpis.tiers().members()).containsExactly(count(none, 4), count(silver, 2), count(gold, 0));
    assertThat(kpis.movement().from()).isEqualTo(LocalDate.of(2026, 6, 30));
    assertThat(kpis.movement().partners()).filteredOn(c -> c.participants() > 0).containsExactly(
        cell(none, none, 2), cell(none, silver, 2), cell(silver, silver, 1));
    assertThat(kpis.movement().partners()).hasSize(9);
    assertThat(kpis.movement().members()).filteredOn(c -> c.participants() > 0).containsExactly(
        cell(none, none, 4), cell(none, silver, 1), cell(silver, silver, 1));
    assertThat(kpis.movement().partnersMoved()).isEqualTo(2);
    assertThat(insights.tierAt(DEALERS.get(0), LocalDate.of(2026, 6, 9))).isEmpty();
    assertThat(insights.tierAt(DEALERS.get(0), LocalDate.of(2026, 6, 10))).contains(SILVER);
    assertThat(insights.tierHistory(DEALERS.get(0))).extracting(TierMove::id)
        .containsExactly("tier:partner:dealer-a:INV-1");
  }

  private static TierDistribution.TierCount count(Optional<TierId> tier, long n) {
    return new TierDistribution.TierCount(tier, n);
  }

  private static TierMovement.Cell cell(Optional<TierId> from, Optional<TierId> to, long n) {
    return new TierMovement.Cell(from, to, n);
  }

  @Test
  void filteredByTypeAndTier() {
    ProgramKpis dealers = insights.kpis(JULY, ParticipantFilter.everyone()
        .partnerTypes(dev.loyalty.core.model.PartnerType.DEALER).tiers(SILVER));
    // the three dealers and the two reps in Silver on 31 July; dealer-c's rep's 50 points count, INV-1's did
    assertThat(dealers.partners().enrolled()).isEqualTo(3);
    assertThat(dealers.members().enrolled()).isEqualTo(2);
    assertThat(dealers.points().outstandingAtEnd()).isEqualTo(326);
    ProgramKpis others = insights.kpis(JULY, ParticipantFilter.everyone().tiers(ParticipantFilter.NO_TIER));
    assertThat(others.partners().enrolled()).isEqualTo(2);
    assertThat(others.members().enrolled()).isEqualTo(4);
    assertThat(others.points().outstandingAtEnd()).isZero();
    assertThat(others.costByRule()).isEmpty();
    ProgramKpis south = insights.kpis(JULY, ParticipantFilter.everyone().regions("south"));
    assertThat(south.partners()).isEqualTo(new ProgramKpis.Participation(0, 0, Optional.empty()));
    assertThat(south.points().redemptionRate()).isEmpty();
  }

  @Test
  void budgetBurn() {
    // given 300; spent 150 + 50 - (52 + 22) = 126 over 31 days: 4.064516129032258 a day; 174 left last
    // ceil(174 / (126 / 31)) = 43 days after 31 July
    BudgetBurn burn = insights.budgetBurn(CampaignId.of("monsoon"), LocalDate.of(2026, 7, 31));
    assertThat(burn.given()).isEqualTo(300);
    assertThat(burn.spent()).isEqualTo(126);
    assertThat(burn.reserved()).isZero();
    assertThat(burn.left()).isEqualTo(174);
    assertThat(burn.daysElapsed()).isEqualTo(31);
    assertThat(burn.perDay()).isEqualTo(d("4.064516129032258"));
    assertThat(burn.runsOutOn()).contains(LocalDate.of(2026, 9, 12));
    assertThat(burn.leftAtEnd()).isZero();
    assertThat(burn.summary()).isEqualTo("At the current rate the monsoon budget runs out on 2026-09-12, 18 days"
        + " before campaign monsoon ends on 2026-09-30.");
  }

  @Test
  void leaderboards() {
    Leaderboard points = insights.leaderboard(LeaderboardQuery.of(LeaderboardQuery.Kind.PARTNERS,
        LeaderboardQuery.Metric.POINTS, JULY, 3));
    // dealer-a 315 - 157 = 158, dealer-b 150, three partners with 0 share rank 3, listed by id
    assertThat(points.ranked()).isEqualTo(5);
    assertThat(points.entries()).extracting(Leaderboard.Entry::rank, e -> e.participant().value(),
        Leaderboard.Entry::value).containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "dealer-a", d("158")),
            org.assertj.core.groups.Tuple.tuple(2, "dealer-b", d("150")),
            org.assertj.core.groups.Tuple.tuple(3, "dealer-c", d("0")),
            org.assertj.core.groups.Tuple.tuple(3, "dist-north", d("0")),
            org.assertj.core.groups.Tuple.tuple(3, "retailer-new", d("0")));
    LeaderboardQuery sales = LeaderboardQuery.of(LeaderboardQuery.Kind.PARTNERS, LeaderboardQuery.Metric.SALES,
        JULY, 1);
    assertThat(insights.leaderboard(sales).entries()).extracting(e -> e.participant().value(),
        Leaderboard.Entry::value).containsExactly(org.assertj.core.groups.Tuple.tuple("dealer-a", d("15000")));
    assertThat(insights.rank(DEALERS.get(1), sales)).map(Leaderboard.Entry::rank).contains(2);
    assertThat(insights.rank(DISTRIBUTOR, sales)).map(Leaderboard.Entry::rank).contains(3);
    LeaderboardQuery reps = LeaderboardQuery.of(LeaderboardQuery.Kind.MEMBERS, LeaderboardQuery.Metric.POINTS,
        JULY, 2);
    // rep 1 of dealer-a: 135 - 67 = 68; rep 1 of dealer-c: 50
    assertThat(insights.leaderboard(reps).entries()).extracting(e -> e.participant().value(),
        Leaderboard.Entry::value).containsExactly(org.assertj.core.groups.Tuple.tuple(rep(DEALERS.get(0), 1).value(),
            d("68")), org.assertj.core.groups.Tuple.tuple(rep(DEALERS.get(2), 1).value(), d("50")));
    assertThat(insights.rank(PartnerId.of("dealer-a"), reps)).isEmpty();
  }
}
