package dev.loyalty.core.insights;

import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.insights.KpiPropertiesTest.Harness;
import dev.loyalty.core.insights.KpiPropertiesTest.ProgramShape;
import dev.loyalty.core.insights.KpiPropertiesTest.Step;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Every insight of the engine on PostgreSQL, which adds up the journal's facts and the ledger's
 * tables in SQL, against the in-memory engine's, which reads its stores entry by entry, after the
 * same random streams of {@link KpiPropertiesTest} (sales, reviews approved or rejected, returns with
 * and without shortfalls, trainings, certifications, redemptions and refunds, period closes) on
 * random programs: for random periods and filters, the key figures, tier distributions and
 * movements, leaderboards and ranks, the campaign's uplift and budget burn, the liability
 * projection and the badges are equal, to the point. And the facts the migration to schema version
 * 7 fills in for a journal written before it are those the journal store writes.
 */
class InsightsOnPostgresTest {
  private final KpiPropertiesTest streams = new KpiPropertiesTest();

  @Provide
  Arbitrary<ProgramShape> programs() {
    return streams.programs();
  }

  @Provide
  Arbitrary<List<Step>> streams() {
    return streams.streams();
  }

  /** Regions, partner types and tiers to count; an empty set counts everyone. */
  record Filter(Set<String> regions, Set<PartnerType> types, Set<TierId> tiers) {
    ParticipantFilter of() {
      return ParticipantFilter.everyone().regions(regions.toArray(String[]::new))
          .partnerTypes(types.toArray(PartnerType[]::new)).tiers(tiers.toArray(TierId[]::new));
    }
  }

  @Provide
  Arbitrary<Filter> filters() {
    return Combinators.combine(Arbitraries.of("north", "south").set(),
        Arbitraries.of(PartnerType.DEALER, PartnerType.DISTRIBUTOR, PartnerType.RETAILER).set(),
        Arbitraries.of(ChannelFixture.SILVER, ChannelFixture.GOLD, ParticipantFilter.NO_TIER).set()).as(Filter::new);
  }

  @Property(tries = 20)
  void thePostgresEngineReportsWhatTheInMemoryEngineReports(@ForAll("programs") ProgramShape shape,
      @ForAll("streams") List<Step> steps, @ForAll @IntRange(min = 0, max = 20) int fromDay,
      @ForAll @IntRange(min = 0, max = 60) int days, @ForAll("filters") Filter filter) {
    ProgramKpis whole = assertSameInsights(shape, steps, fromDay, days, filter.of());
    Statistics.label("points expired").collect(whole.points().expired() > 0);
    Statistics.label("a shortfall").collect(whole.points().shortfall() > 0);
    Statistics.label("taken back").collect(whole.points().takenBack() > 0);
    Statistics.label("redeemed").collect(whole.points().redeemed() > 0);
  }

  /**
   * A stream with every path the SQL takes apart: an award approved in review (it counts by its hold
   * post) and one rejected, campaign awards, a return after the points were spent (a shortfall), a
   * redemption refunded, trainings and certifications, closes that expire points.
   */
  @Example
  void everyPathOfAStream_givesTheSameFiguresOnBothEngines() {
    List<Step> steps = List.of(
        new KpiPropertiesTest.SaleStep(0, 1, 0, 30, 2000, 0),            // S-1: a round quantity, held for review
        new KpiPropertiesTest.SaleStep(1, 0, 1, 100, 1500, 1),
        new KpiPropertiesTest.ReviewStep(0, true),                       // S-1 approved
        new KpiPropertiesTest.SaleStep(0, 2, 2, 50, 2500, 11),           // in July: the monsoon campaign's bonus
        new KpiPropertiesTest.LearningStep(2, 1, false),
        new KpiPropertiesTest.LearningStep(2, 0, true),
        new KpiPropertiesTest.RedeemStep(1, 50, true),                   // redeemed and refunded
        new KpiPropertiesTest.ReturnStep(2, 60, true),                   // S-4 comes back after its points were spent
        new KpiPropertiesTest.SaleStep(1, 1, 3, 33, 900, 2),             // held for review...
        new KpiPropertiesTest.ReviewStep(0, false),                      // ...and rejected
        new KpiPropertiesTest.CloseStep(12),                             // points of June expire
        new KpiPropertiesTest.RedeemStep(0, 30, false),
        new KpiPropertiesTest.ReturnStep(1, 100, false),
        new KpiPropertiesTest.CloseStep(3));
    for (int fromDay : new int[] {0, 1, 11, 14}) {   // 1: S-1 approved in the period, recorded before it
      ProgramKpis whole = assertSameInsights(new ProgramShape(5, 1_500, new java.math.BigDecimal("0.25")), steps,
          fromDay, 30, ParticipantFilter.everyone().partnerTypes(PartnerType.DEALER));
      assertThat(whole.points().expired()).isPositive();
      assertThat(whole.points().shortfall()).isPositive();
      assertThat(whole.points().takenBack()).isPositive();
      assertThat(whole.points().redeemed()).isPositive();
      assertThat(whole.costByCampaign().get(0).awarded()).isPositive();
      assertThat(whole.learning().trainings()).isPositive();
      assertThat(whole.learning().certifications()).isPositive();
    }
  }

  /**
   * Runs {@code steps} on both engines and compares every insight; returns the in-memory engine's
   * key figures over the whole stream.
   */
  private static ProgramKpis assertSameInsights(ProgramShape shape, List<Step> steps, int fromDay, int days,
      ParticipantFilter counted) {
    Harness memory = new Harness(shape);
    KpiPropertiesTest.run(memory, steps);
    DataSource database = EngineDatabase.fresh();
    Harness postgres = new Harness(shape, Optional.of(database));
    KpiPropertiesTest.run(postgres, steps);
    Insights expected = memory.engine.insights();
    Insights actual = postgres.engine.insights();
    DateRange stream = assertSameAnswers(expected, actual, memory.now, fromDay, days, counted);
    // the facts the migration to version 7 fills in from the journal's JSON are those the journal writes
    refillFacts(database, memory.recorded.size());
    assertThat(actual.kpis(stream, counted)).isEqualTo(expected.kpis(stream, counted));
    return expected.kpis(stream, ParticipantFilter.everyone());
  }

  /**
   * Asks {@code actual} and {@code expected}, insights into the same stream of {@link
   * KpiPropertiesTest} that ended at {@code now}, every query (KPIs, leaderboards and ranks of each
   * kind and metric, tiers, uplift, budget burn, projection, badges, tier histories) over the period of
   * {@code days} from the {@code fromDay}th day of the stream and over the whole stream, and checks
   * their answers are equal; returns the whole stream's period.
   */
  static DateRange assertSameAnswers(Insights expected, Insights actual, Instant now, int fromDay, int days,
      ParticipantFilter counted) {
    LocalDate first = LocalDate.of(2026, 6, 20).plusDays(fromDay);
    DateRange period = DateRange.of(first, first.plusDays(days));
    DateRange stream = DateRange.of(LocalDate.of(2026, 6, 1), now.atZone(ZONE).toLocalDate().plusDays(1));
    for (DateRange p : List.of(period, stream)) {
      assertThat(actual.kpis(p, counted)).as("kpis of %s", p).isEqualTo(expected.kpis(p, counted));
      assertThat(actual.kpis(p, ParticipantFilter.everyone())).isEqualTo(expected.kpis(p, ParticipantFilter.everyone()));
      for (LeaderboardQuery.Kind kind : LeaderboardQuery.Kind.values()) {
        for (LeaderboardQuery.Metric metric : LeaderboardQuery.Metric.values()) {
          LeaderboardQuery query = LeaderboardQuery.of(kind, metric, p, 3).filter(counted);
          assertThat(actual.leaderboard(query)).as("%s", query).isEqualTo(expected.leaderboard(query));
          for (ParticipantId who : ChannelFixture.dealersAndReps()) {
            assertThat(actual.rank(who, query)).isEqualTo(expected.rank(who, query));
          }
        }
      }
    }
    assertThat(actual.tierDistribution(period.to(), counted)).isEqualTo(expected.tierDistribution(period.to(), counted));
    assertThat(actual.tierMovement(period.from(), period.to(), counted))
        .isEqualTo(expected.tierMovement(period.from(), period.to(), counted));
    CampaignId monsoon = CampaignId.of("monsoon");
    DateRange june = DateRange.month(YearMonth.of(2026, 6));
    for (LocalDate asOf : List.of(period.to(), stream.to())) {
      if (!asOf.isBefore(LocalDate.of(2026, 7, 1))) {
        assertThat(actual.campaignUplift(monsoon, june, asOf)).isEqualTo(expected.campaignUplift(monsoon, june, asOf));
      }
      assertThat(actual.budgetBurn(monsoon, asOf)).isEqualTo(expected.budgetBurn(monsoon, asOf));
    }
    YearMonth last = YearMonth.from(now.atZone(ZONE));
    assertThat(actual.liabilityProjection(last, 3)).isEqualTo(expected.liabilityProjection(last, 3));
    List<ParticipantId> everyone = new ArrayList<>(ChannelFixture.dealersAndReps());
    everyone.add(ChannelFixture.DISTRIBUTOR);
    for (ParticipantId who : everyone) {
      assertThat(actual.badges(who)).isEqualTo(expected.badges(who));
      assertThat(actual.tierHistory(who)).isEqualTo(expected.tierHistory(who));
    }
    return stream;
  }

  /**
   * Empties the journal's facts and fills them in again as the migration does, from the entries'
   * JSON ({@code loyalty_journal_fact_fill()}); checks they are the facts the journal had written.
   */
  private static void refillFacts(DataSource database, int entries) {
    try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TEMPORARY TABLE written_fact AS SELECT * FROM loyalty_journal_fact");
      s.execute("CREATE TEMPORARY TABLE written_award AS SELECT * FROM loyalty_journal_award");
      s.execute("TRUNCATE loyalty_journal_fact, loyalty_journal_award");
      assertThat(count(s, "SELECT loyalty_journal_fact_fill()")).isEqualTo(count(s, "SELECT count(*) FROM loyalty_journal"))
          .isGreaterThanOrEqualTo(entries);
      for (String table : List.of("fact", "award")) {
        String written = "SELECT * FROM written_" + table;
        String filled = "SELECT * FROM loyalty_journal_" + table;
        assertThat(count(s, "SELECT count(*) FROM loyalty_journal_" + table)).isEqualTo(count(s,
            "SELECT count(*) FROM written_" + table));
        assertThat(count(s, "SELECT count(*) FROM (" + written + " EXCEPT " + filled + ") x")).as("written, not filled")
            .isZero();
        assertThat(count(s, "SELECT count(*) FROM (" + filled + " EXCEPT " + written + ") x")).as("filled, not written")
            .isZero();
      }
      s.execute("DROP TABLE written_fact, written_award");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
