package dev.loyalty.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.insights.DateRange;
import dev.loyalty.core.insights.Insights;
import dev.loyalty.core.insights.LeaderboardQuery;
import dev.loyalty.core.insights.ParticipantFilter;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.TransactionId;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;

/**
 * The stream properties of {@link EngineStreamPropertiesTest} with every store in PostgreSQL (each
 * activity, review and tier review one transaction, engines restarted on the same database at
 * every budget change), fewer tries; and the engine on PostgreSQL against the in-memory engine as
 * its model: for the same stream the same receipts, balances, figures, tiers, period-close reports,
 * budget changes and events, in the same order.
 */
@PropertyDefaults(tries = 6)
class EngineStreamsOnPostgresTest extends EngineStreamPropertiesTest {

  @Override
  Harness newHarness() {
    return Harness.onPostgres(EngineDatabase.fresh());
  }

  /** The in-memory run (60 tries of the same streams) shows every kind of step happens. */
  @Override
  boolean checksCoverage() {
    return false;
  }

  @Property(tries = 8)
  void thePostgresEngineDoesWhatTheInMemoryEngineDoes(@ForAll("streams") List<Step> steps) {
    Harness model = Harness.inMemory();
    Run expected = run(model, steps);
    Harness postgres = newHarness();
    Run actual = run(postgres, steps);

    assertThat(actual.recorded).isEqualTo(expected.recorded);
    for (Activity a : expected.recorded) {
      assertThat(normalized(postgres.engine.receipt(a.id()).orElseThrow()))
          .isEqualTo(normalized(model.engine.receipt(a.id()).orElseThrow()));
    }
    for (ParticipantId p : ChannelFixture.dealersAndReps()) {
      assertThat(postgres.engine.balance(p)).as("balance of %s", p).isEqualTo(model.engine.balance(p));
      assertThat(postgres.engine.figures(p)).as("figures of %s", p).isEqualTo(model.engine.figures(p));
      assertThat(postgres.engine.progress(p)).as("tier of %s", p).isEqualTo(model.engine.progress(p));
      assertThat(postgres.engine.insights().tierHistory(p)).as("tier history of %s", p)
          .isEqualTo(model.engine.insights().tierHistory(p));
      assertThat(postgres.engine.insights().badges(p)).as("badges of %s", p)
          .isEqualTo(model.engine.insights().badges(p));
    }
    // the reports: the in-memory engine reads its stores entry by entry, the engine on PostgreSQL adds up
    // the journal's facts and the ledger's tables in SQL
    DateRange stream = DateRange.of(java.time.LocalDate.of(2026, 7, 1),
        postgres.clock.instant().atZone(ChannelFixture.ZONE).toLocalDate());
    Insights reported = model.engine.insights();
    Insights computed = postgres.engine.insights();
    assertThat(computed.kpis(stream, ParticipantFilter.everyone())).isEqualTo(reported.kpis(stream,
        ParticipantFilter.everyone()));
    for (LeaderboardQuery.Kind kind : LeaderboardQuery.Kind.values()) {
      for (LeaderboardQuery.Metric metric : LeaderboardQuery.Metric.values()) {
        LeaderboardQuery query = LeaderboardQuery.of(kind, metric, stream, 3);
        assertThat(computed.leaderboard(query)).as("%s", query).isEqualTo(reported.leaderboard(query));
      }
    }
    assertThat(computed.tierMovement(stream.from(), stream.to(), ParticipantFilter.everyone()))
        .isEqualTo(reported.tierMovement(stream.from(), stream.to(), ParticipantFilter.everyone()));
    CampaignId monsoon = CampaignId.of("monsoon");
    assertThat(computed.budgetBurn(monsoon, stream.to())).isEqualTo(reported.budgetBurn(monsoon, stream.to()));
    assertThat(computed.campaignUplift(monsoon, DateRange.month(YearMonth.of(2026, 6)), stream.to()))
        .isEqualTo(reported.campaignUplift(monsoon, DateRange.month(YearMonth.of(2026, 6)), stream.to()));
    YearMonth last = YearMonth.from(stream.to());
    assertThat(computed.liabilityProjection(last, 2)).isEqualTo(reported.liabilityProjection(last, 2));
    assertThat(actual.closes).isEqualTo(expected.closes);
    assertThat(actual.budgetChanges.stream().map(EngineStreamsOnPostgresTest::normalized).toList())
        .isEqualTo(expected.budgetChanges.stream().map(EngineStreamsOnPostgresTest::normalized).toList());
    assertThat(postgres.events.stream().map(EngineStreamsOnPostgresTest::normalized).toList())
        .isEqualTo(model.events.stream().map(EngineStreamsOnPostgresTest::normalized).toList());
    assertThat(postgres.ledger.trialBalance()).isEqualTo(model.ledger.trialBalance());
    // every activity committed whole: nothing for recovery
    assertThat(postgres.journal.incomplete()).isEmpty();
  }

  /** {@code r} without the ledger's ids, which come from each store's own sequence. */
  static Receipt normalized(Receipt r) {
    return r.withTransaction(r.transaction().map(tx -> TransactionId.of(1))).withHolds(r.holds().stream()
        .map(h -> new ReviewHold(HoldId.of(1), h.from(), h.to(), h.points(), h.state(),
            h.resolvedBy().map(tx -> TransactionId.of(1)))).toList());
  }

  static BudgetChange normalized(BudgetChange c) {
    return new BudgetChange(c.campaign(), c.before(), c.requested(), c.after(), c.transaction().map(tx ->
        TransactionId.of(1)), c.note());
  }

  /** {@code e} without the ledger's ids. */
  static LoyaltyEvent normalized(LoyaltyEvent e) {
    if (e instanceof LoyaltyEvent.AwardPosted a) {
      return new LoyaltyEvent.AwardPosted(a.id(), a.at(), a.activity(), a.participant(), a.points(),
          TransactionId.of(1));
    }
    if (e instanceof LoyaltyEvent.AwardTakenBack t) {
      return new LoyaltyEvent.AwardTakenBack(t.id(), t.at(), t.activity(), t.participant(), t.points(), t.shortfall(),
          TransactionId.of(1));
    }
    return e;
  }
}
