package dev.loyalty.core.spi;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.EarningHistory;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.ParticipantHistory;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.performance.PointTotals;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.performance.TierStanding;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each participant's {@link ParticipantHistory} (figures per calendar month, certifications,
 * the last activity, the points earned per period, rule and campaign) and {@link TierStanding}. {@link #inMemory()} keeps them for the life of the
 * JVM, {@code dev.loyalty.core.jdbc.JdbcPerformanceStore} in PostgreSQL.
 *
 * <p>Contract (the abstract {@code PerformanceStoreContract} in core's test-jar checks it):
 * implementations are thread-safe, also against writers in other processes sharing the store.
 * {@link #apply} applies each activity's contribution to a participant at most once, atomically
 * (after a crash the engine repeats the steps of an activity that did not complete, and relies on
 * this to count it once), and adds exactly what {@link ParticipantHistory#plus} adds: sales,
 * categories and orders per month (a category whose net sales come to zero is dropped), the
 * longest validity of each certification, the latest activity time. Contributions in a currency
 * other than the participant's are refused and change nothing. {@link #applyPoints} likewise applies
 * each (activity, step) of earned points to a participant at most once, atomically, adding exactly
 * what {@link ParticipantHistory#plus(PointsContribution)} adds; it leaves the figures alone. Points
 * go to whoever an award paid, which may be a partner above the activity's (a distributor paid for
 * its dealer's invoice) whose own lock the engine does not hold: {@code applyPoints} must be atomic
 * against concurrent callers for the same participant (the in-memory store updates one entry at a
 * time; a database adds to the stored totals in one statement or under a row lock). The engine calls it holding the
 * activity's partner lock, so one participant is never updated by two engines at once; reads may
 * come from any thread. No method accepts or returns null.
 */
public interface PerformanceStore {

  /** A store that keeps figures and standings in memory. */
  static PerformanceStore inMemory() {
    return new InMemoryPerformanceStore();
  }

  /** The participant's history; an empty one in {@code currency} if nothing is recorded. */
  ParticipantHistory history(ParticipantId participant, Currency currency);

  /**
   * Adds {@code contribution} to the participant's history unless a contribution of the same
   * activity was applied before.
   *
   * @return whether it was applied now
   */
  boolean apply(ParticipantId participant, Currency currency, Contribution contribution);

  /**
   * Adds {@code contribution}'s points to the participant's earned points unless a contribution of
   * the same activity and step was applied to it before. {@code currency} is the one its figures
   * are kept in (for a participant nothing is recorded about yet).
   *
   * @return whether it was applied now
   * @throws ArithmeticException if a total would overflow a {@code long}; nothing changes
   */
  boolean applyPoints(ParticipantId participant, Currency currency, PointsContribution contribution);

  /**
   * The participant's earned points in each of {@code periods}: what rules see. The default reads
   * the whole {@link #history}; a store that keeps many periods may read only these.
   *
   * @return per period, {@link PointTotals#NONE} for a period without points; never null
   */
  default Map<EarningPeriod, PointTotals> earned(ParticipantId participant, Currency currency,
      List<EarningPeriod> periods) {
    EarningHistory earned = history(participant, currency).earned();
    Map<EarningPeriod, PointTotals> totals = new LinkedHashMap<>();
    for (EarningPeriod period : periods) {
      totals.put(period, earned.in(period));
    }
    return totals;
  }

  /**
   * The participant's figures as of {@code asOf}, months counted in {@code zone} over a window of
   * {@code windowMonths}: what rules and tier criteria read, once or twice per activity. The
   * default computes them from {@link #history}; a store may compute them without reading the
   * whole history, as long as they equal {@link PerformanceFigures#of(ParticipantHistory, Instant,
   * ZoneId, int)} of it.
   *
   * @return the figures; those of an empty history in {@code currency} if nothing is recorded
   */
  default PerformanceFigures figures(ParticipantId participant, Currency currency, Instant asOf, ZoneId zone,
      int windowMonths) {
    return PerformanceFigures.of(history(participant, currency), asOf, zone, windowMonths);
  }

  /** The participant's tier standing; {@link TierStanding#none()} if none is recorded. */
  TierStanding standing(ParticipantId participant);

  /** Replaces the participant's tier standing. */
  void saveStanding(ParticipantId participant, TierStanding standing);

  /** Every participant with a recorded history or standing, for period-close reviews. */
  List<ParticipantId> participants();
}
