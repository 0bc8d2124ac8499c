package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.insights.DateRange;
import dev.loyalty.core.insights.Insights;
import dev.loyalty.core.insights.Leaderboard;
import dev.loyalty.core.insights.LeaderboardQuery;
import dev.loyalty.core.insights.LeaderboardQuery.Kind;
import dev.loyalty.core.insights.LeaderboardQuery.Metric;
import dev.loyalty.core.insights.ParticipantFilter;
import dev.loyalty.core.insights.ProgramKpis;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.simulation.SimulationReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The whole-program demo (the README's first command, {@code loyalty.jar demo}) tells its story. */
class ProgramDemoTest {

  private static final ByteArrayOutputStream BYTES = new ByteArrayOutputStream();
  /** One run for every test: the demo takes a while. */
  private static final ProgramDemo DEMO = new ProgramDemo(new PrintStream(BYTES, true, StandardCharsets.UTF_8));

  static {
    DEMO.run();
  }

  private final String out = BYTES.toString(StandardCharsets.UTF_8);

  @Test
  void theDemoWalksThroughAYearOfTheProgram() {

    assertThat(out)
        .contains("1. The channel: a manufacturer's 2 distributors, 12 dealers and 30 reps in 3 regions")
        .contains("(rep's 30% share)")                                           // a receipt split with a rep
        .contains("festive-fans@volta-2026): Festive season: 1 extra point per 100 INR of fans")   // the custom DRL
        .contains("Not applied mix-bonus@volta-2026")                            // why not
        .containsPattern("For Gold: [0-9,.]+ INR more sales")                   // progress with its gap
        .contains("4. A rep redeems goods from the catalog")
        .contains("SHIPPED 2027-01-01: shipped by Blue Dart, tracking BD123456789IN")
        .contains("DELIVERED 2027-01-01: delivered")
        .containsPattern("Redemptions: [1-9][0-9,]* paid")                     // reps redeemed at month ends
        .contains("invoice SO-7781 of 2026-12-18, 85,000 INR: paid")                 // an honest claim
        .contains("The manufacturer's records confirm the invoice.")
        .contains("Risk note (duplicate-invoice@volta-2026): Invoice SO-7781 was claimed before by the same partner")
        .contains("reaches the block threshold of 100")                          // caught by fraud scoring
        .contains("By rule:").contains("Liability in INR")
        .contains("8. What if smart switches earned 3x instead of 2x?")
        .containsPattern("product-multiplier +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+ +\\+[1-9]")   // B pays more
        .contains("trial balance balanced: true")
        .contains("hash chain intact: true");
  }

  @Test
  void itsLeaderboardsAreTheEngines_andAgreeWithTheLedgerThroughTheYearsReport() {
    SimulationReport report = DEMO.report();
    Insights insights = DEMO.simulation().engine().insights();
    DateRange run = DEMO.runDays();
    assertThat(out).contains("7. Leaderboards and key figures, " + run.from() + " to " + run.to());
    // a partner's points in the report: what it was issued less what returns took back (the claim is after it)
    Map<ParticipantId, Long> net = report.participants().stream().collect(Collectors.toMap(
        SimulationReport.ParticipantResult::participant, p -> p.issued() - p.takenBack()));
    for (Kind kind : Kind.values()) {
      Leaderboard board = insights.leaderboard(LeaderboardQuery.of(kind, Metric.POINTS, run, 3));
      assertThat(board.ranked()).isEqualTo(kind == Kind.PARTNERS ? 14 : 30);
      assertThat(board.entries()).hasSize(3);
      for (Leaderboard.Entry e : board.entries()) {
        assertThat(out).contains(ProgramDemo.place(e));
        long claimed = e.participant().equals(DEMO.claimant()) ? DEMO.claimed() : 0;
        assertThat(e.value()).isEqualByComparingTo(BigDecimal.valueOf(net.get(e.participant()) + claimed));
      }
      long best = net.entrySet().stream().filter(n -> (n.getKey() instanceof dev.loyalty.core.model.PartnerId)
          == (kind == Kind.PARTNERS)).mapToLong(n -> n.getValue()
          + (n.getKey().equals(DEMO.claimant()) ? DEMO.claimed() : 0)).max().orElseThrow();
      assertThat(board.entries().get(0).value()).isEqualByComparingTo(BigDecimal.valueOf(best));
    }
  }

  @Test
  void itsKeyFiguresAreTheEngines_andAddUpToTheYearsReportPlusTheOrderAndTheClaim() {
    SimulationReport.Points year = DEMO.report().points();
    LoyaltyEngine engine = DEMO.simulation().engine();
    ProgramKpis kpis = engine.insights().kpis(DEMO.runDays(), ParticipantFilter.everyone());
    assertThat(DEMO.claimed()).isPositive();
    assertThat(DEMO.ordered()).isPositive();

    ProgramKpis.PointsFlow p = kpis.points();
    assertThat(p.outstandingAtStart()).isZero();
    assertThat(p.issued()).isEqualTo(year.issued() + DEMO.claimed());
    assertThat(p.takenBack() + p.shortfall()).isEqualTo(year.takenBack());
    assertThat(p.shortfall()).isEqualTo(year.clawedBack());
    assertThat(p.expired()).isEqualTo(year.expired());
    assertThat(p.redeemed()).isEqualTo(year.redeemed() + DEMO.ordered());
    long balances = Stream.concat(DEMO.channel().partners().stream().map(Partner::id),
        DEMO.channel().members().stream().map(Member::id)).mapToLong(id -> engine.balance(id).posted()).sum();
    assertThat(kpis.liability().points()).isEqualTo(p.outstandingAtEnd()).isEqualTo(balances)
        .isEqualTo(year.outstanding() + DEMO.claimed() - DEMO.ordered());

    assertThat(out)
        .contains(String.format(Locale.ROOT, "Partners: %d enrolled, %d active", kpis.partners().enrolled(),
            kpis.partners().active()))
        .contains(String.format(Locale.ROOT, "reps: %d enrolled, %d active", kpis.members().enrolled(),
            kpis.members().active()))
        .contains(String.format(Locale.ROOT, "Points: %,d issued, %,d taken back by returns, %,d redeemed, %,d expired",
            p.issued(), p.takenBack() + p.shortfall(), p.redeemed(), p.expired()))
        .contains(String.format(Locale.ROOT, "Liability: %,d points, worth %s INR", kpis.liability().points(),
            dev.loyalty.core.model.Money.formatAmount(kpis.liability().byCurrency().get(0).gross())))
        .contains(String.format(Locale.ROOT, "The year's report said %,d points outstanding; part 5's claim paid %,d "
            + "and part 4's order took %,d since: %,d", year.outstanding(), DEMO.claimed(), DEMO.ordered(),
            kpis.liability().points()));
    assertThat(kpis.partners().enrolled()).isEqualTo(14);
    assertThat(kpis.members().enrolled()).isEqualTo(30);
  }
}
