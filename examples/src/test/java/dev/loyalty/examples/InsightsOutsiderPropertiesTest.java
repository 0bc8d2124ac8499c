package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.insights.DateRange;
import dev.loyalty.core.insights.Insights;
import dev.loyalty.core.insights.Leaderboard;
import dev.loyalty.core.insights.LeaderboardQuery;
import dev.loyalty.core.insights.ParticipantFilter;
import dev.loyalty.core.insights.ProgramKpis;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.CatalogLoader;
import dev.loyalty.core.rewards.CatalogVersions;
import dev.loyalty.core.rewards.InsufficientPointsException;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RewardsSetup;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.spi.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The figures of docs/INSIGHTS.md checked from outside, on random months of a channel recorded
 * through the public API (sales with and without the rep, partial returns of earlier invoices,
 * cashback redeemed and paid), against what the page promises: a period's points add up ("to the
 * point": {@code outstandingAtEnd = outstandingAtStart + issued - takenBack - redeemed - expired +
 * other}), the outstanding points are the wallets' posted balances as of the period's ends (read
 * from the ledger the host gave the engine), one month ends where the next starts, the points
 * issued are exactly what my own rules awarded for the sales dated in the period, and the points
 * leaderboards of partners and members add up to the period's net issue.
 */
class InsightsOutsiderPropertiesTest {
  private static final Currency INR = Currency.getInstance("INR");
  private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
  private static final LocalDate JULY_1 = LocalDate.of(2026, 7, 1);
  private static final int PARTNERS = 3;

  private static final String CATALOG = """
      { "program": "acme", "version": "v1", "defaultLocale": "en-IN",
        "items": [ { "id": "CASHBACK", "kind": "cashback", "points": 100, "texts": { "en": { "name": "Cashback" } } } ] }
      """;


  /** One step of the channel, on a day of July or August. */
  sealed interface Step permits SaleStep, ReturnStep, RedeemStep {
    int day();
  }

  record SaleStep(int day, int partner, boolean byRep, int cables, int lamps) implements Step {
  }

  /** A return of some cables of the {@code pick}-th sale so far (modulo their number). */
  record ReturnStep(int day, int pick, int cables) implements Step {
  }

  record RedeemStep(int day, int partner) implements Step {
  }

  @Provide
  Arbitrary<List<Step>> months() {
    Arbitrary<Integer> day = Arbitraries.integers().between(0, 61);
    Arbitrary<Step> sale = Combinators.combine(day, Arbitraries.integers().between(0, PARTNERS - 1),
        Arbitraries.of(true, false), Arbitraries.integers().between(1, 12), Arbitraries.integers().between(0, 6))
        .as(SaleStep::new);
    Arbitrary<Step> giveBack = Combinators.combine(day, Arbitraries.integers().between(0, 50),
        Arbitraries.integers().between(1, 5)).as(ReturnStep::new);
    Arbitrary<Step> redeem = Combinators.combine(day, Arbitraries.integers().between(0, PARTNERS - 1))
        .as(RedeemStep::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, sale), net.jqwik.api.Tuple.of(2, giveBack), net.jqwik.api.Tuple.of(2, redeem))
        .list().ofMinSize(1).ofMaxSize(40)
        .map(steps -> steps.stream().sorted(Comparator.comparingInt(Step::day)).toList());
  }

  /** A sale recorded so far: its id, partner, day, cables left to return. */
  private static final class Sold {
    final ActivityId id;
    final int partner;
    int cablesLeft;

    Sold(ActivityId id, int partner, int cables) {
      this.id = id;
      this.partner = partner;
      this.cablesLeft = cables;
    }
  }

  @Property(tries = 40)
  void theFiguresAddUpAndAgreeWithTheLedger(@ForAll("months") List<Step> steps) {
    TestClock clock = new TestClock(JULY_1.atStartOfDay(ZONE).toInstant());
    Program program = ProgramLoader.fromJson(AcmeChannel.PROGRAM);
    Ledger ledger = Ledger.inMemory(clock);
    InMemoryPartnerDirectory directory = PartnerDirectory.inMemory();
    for (int p = 0; p < PARTNERS; p++) {
      directory.put(Partner.of(PartnerId.of("p" + p), "Partner " + p, PartnerType.DEALER, "north", "IN", INR,
          LocalDate.of(2026, 1, 1)));
      directory.put(Member.of(MemberId.of("rep" + p), PartnerId.of("p" + p), "Rep " + p, MemberRole.SALES_REP,
          Locale.forLanguageTag("en-IN"), LocalDate.of(2026, 1, 1)));
    }
    LoyaltyEngine engine = LoyaltyEngine.builder(program, AcmeChannel.RULES)
        .directory(directory)
        .ledger(ledger)
        .rewards(RewardsSetup.of(CatalogVersions.inMemory(CatalogLoader.fromJson(CATALOG, program))))
        .clock(clock)
        .build();

    long[] issuedByMonth = new long[2];
    List<Sold> sold = new ArrayList<>();
    int n = 0;
    for (Step step : steps) {
      Instant noon = JULY_1.plusDays(step.day()).atTime(12, 0).atZone(ZONE).toInstant();
      clock.set(noon);
      Instant at = noon.minus(Duration.ofHours(1));
      String id = "S" + (n++);
      if (step instanceof SaleStep s) {
        List<InvoiceLine> lines = new ArrayList<>(List.of(InvoiceLine.of("CAB", "cables", s.cables(), "1000")));
        if (s.lamps() > 0) {
          lines.add(InvoiceLine.of("LAMP", "lighting", s.lamps(), "455"));
        }
        Sale sale = new Sale(s.byRep() ? ActivityHeader.of(id, "p" + s.partner(), "rep" + s.partner(), at)
            : ActivityHeader.of(id, "p" + s.partner(), at), INR, lines);
        engine.record(sale);
        issuedByMonth[JULY_1.plusDays(s.day()).getMonthValue() - 7] += AcmeChannel.points(sale.total().amount());
        sold.add(new Sold(sale.id(), s.partner(), s.cables()));
      } else if (step instanceof ReturnStep r) {
        List<Sold> open = sold.stream().filter(x -> x.cablesLeft > 0).toList();
        if (open.isEmpty()) {
          continue;
        }
        Sold original = open.get(r.pick() % open.size());
        int cables = Math.min(r.cables(), original.cablesLeft);
        engine.record(new SaleReturn(ActivityHeader.of(id, "p" + original.partner, at), original.id,
            List.of(new ReturnLine("CAB", cables))));
        original.cablesLeft -= cables;
      } else if (step instanceof RedeemStep d) {
        MemberId rep = MemberId.of("rep" + d.partner());
        try {
          Redemption ordered = engine.rewards().redeem(RedemptionRequest.byMember(RedemptionId.of(id), rep,
              CatalogItemId.of("CASHBACK")));
          engine.rewards().fulfil(ordered.id(), "NEFT-" + id);
        } catch (InsufficientPointsException notYet) {
          assertThat(engine.balance(rep).available()).isLessThan(100);
        }
      }
    }
    clock.set(LocalDate.of(2026, 9, 1).atTime(12, 0).atZone(ZONE).toInstant());

    Insights insights = engine.insights();
    DateRange july = DateRange.month(YearMonth.of(2026, 7));
    DateRange august = DateRange.month(YearMonth.of(2026, 8));
    ProgramKpis.PointsFlow inJuly = insights.kpis(july, ParticipantFilter.everyone()).points();
    ProgramKpis.PointsFlow inAugust = insights.kpis(august, ParticipantFilter.everyone()).points();
    ProgramKpis.PointsFlow both = insights.kpis(DateRange.of(JULY_1, LocalDate.of(2026, 8, 31)),
        ParticipantFilter.everyone()).points();

    for (ProgramKpis.PointsFlow flow : List.of(inJuly, inAugust, both)) {
      assertThat(flow.outstandingAtEnd()).as("to the point: %s", flow).isEqualTo(flow.outstandingAtStart()
          + flow.issued() - flow.takenBack() - flow.redeemed() - flow.expired() + flow.other());
    }
    assertThat(inJuly.outstandingAtStart()).isZero();
    assertThat(inJuly.outstandingAtEnd()).isEqualTo(inAugust.outstandingAtStart())
        .isEqualTo(postedAsOf(program, ledger, LocalDate.of(2026, 8, 1)));
    assertThat(inAugust.outstandingAtEnd()).isEqualTo(both.outstandingAtEnd())
        .isEqualTo(postedAsOf(program, ledger, LocalDate.of(2026, 9, 1)));
    assertThat(inJuly.issued()).isEqualTo(issuedByMonth[0]);
    assertThat(inAugust.issued()).isEqualTo(issuedByMonth[1]);
    assertThat(both.issued()).isEqualTo(issuedByMonth[0] + issuedByMonth[1]);
    assertThat(both.takenBack()).isEqualTo(inJuly.takenBack() + inAugust.takenBack());
    assertThat(both.redeemed()).isEqualTo(inJuly.redeemed() + inAugust.redeemed());

    for (DateRange period : List.of(july, august)) {
      ProgramKpis.PointsFlow flow = period.equals(july) ? inJuly : inAugust;
      BigDecimal boards = board(insights, LeaderboardQuery.Kind.PARTNERS, period)
          .add(board(insights, LeaderboardQuery.Kind.MEMBERS, period));
      assertThat(boards).as("leaderboards of %s", period)
          .isEqualByComparingTo(BigDecimal.valueOf(flow.issued() - flow.takenBack() - flow.shortfall()));
    }
  }

  private static BigDecimal board(Insights insights, LeaderboardQuery.Kind kind, DateRange period) {
    Leaderboard board = insights.leaderboard(LeaderboardQuery.of(kind, LeaderboardQuery.Metric.POINTS, period, 100));
    assertThat(board.entries()).hasSize(PARTNERS);   // zeros included
    return board.entries().stream().map(Leaderboard.Entry::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The wallets' posted points as of the start of {@code day} in the program's zone, from the ledger itself. */
  private static long postedAsOf(Program program, Ledger ledger, LocalDate day) {
    Instant at = day.atStartOfDay(ZONE).toInstant();
    long sum = 0;
    for (int p = 0; p < PARTNERS; p++) {
      for (ParticipantId who : List.of(PartnerId.of("p" + p), MemberId.of("rep" + p))) {
        if (ledger.account(program.accounts().wallet(who)).isPresent()) {
          sum += ledger.balanceAsOf(program.accounts().wallet(who), at).posted();
        }
      }
    }
    return sum;
  }
}
