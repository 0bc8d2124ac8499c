package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.ParticipantHistory;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.performance.PointTotals;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.performance.RunningHistory;
import dev.loyalty.core.performance.TierStanding;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link PerformanceStore#inMemory()}: everything on the heap. Thread-safe. Each participant's
 * history is a {@link RunningHistory} changed in place under the participant's own lock (an
 * activity changes one month and its own periods, not a copy of everything), and figures and
 * earned points are read from it under that lock. Remembers every applied activity id per
 * participant, as the at-most-once contract requires.
 */
final class InMemoryPerformanceStore implements PerformanceStore {

  /** A participant's history and what was applied to it; every access holds its monitor. */
  private static final class Entry {
    /** What {@link #applied} marks for an activity's figures; its points steps take the bits above. */
    private static final int FIGURES = 1;

    final RunningHistory history;
    /**
     * Per activity, what was applied of it: {@link #FIGURES} and a bit per points step, kept for
     * every activity of the participant, as the at-most-once contract needs, in an open-addressing
     * table rather than a hash map entry per activity.
     */
    private final AppliedSteps applied = new AppliedSteps();

    Entry(ParticipantId participant, Currency currency) {
      history = new RunningHistory(participant, currency);
    }

    static int bit(PointsContribution.Step step) {
      return FIGURES << (1 + step.ordinal());
    }

    boolean has(ActivityId activity, int bit) {
      return applied.has(activity, bit);
    }

    void mark(ActivityId activity, int bit) {
      applied.mark(activity, bit);
    }
  }

  private final ConcurrentMap<ParticipantId, Entry> histories = new ConcurrentHashMap<>();
  private final ConcurrentMap<ParticipantId, TierStanding> standings = new ConcurrentHashMap<>();

  @Override
  public ParticipantHistory history(ParticipantId participant, Currency currency) {
    Entry e = histories.get(requireNonNull(participant, "participant"));
    if (e == null) {
      return ParticipantHistory.empty(participant, currency);
    }
    synchronized (e) {
      return e.history.snapshot();
    }
  }

  @Override
  public PerformanceFigures figures(ParticipantId participant, Currency currency, Instant asOf, ZoneId zone,
      int windowMonths) {
    Entry e = histories.get(requireNonNull(participant, "participant"));
    if (e == null) {
      return PerformanceFigures.of(ParticipantHistory.empty(participant, currency), asOf, zone, windowMonths);
    }
    synchronized (e) {
      return e.history.figures(asOf, zone, windowMonths);
    }
  }

  @Override
  public Map<EarningPeriod, PointTotals> earned(ParticipantId participant, Currency currency,
      List<EarningPeriod> periods) {
    Entry e = histories.get(requireNonNull(participant, "participant"));
    PointTotals[] totals = new PointTotals[periods.size()];
    if (e == null) {
      Arrays.fill(totals, PointTotals.NONE);
    } else {
      synchronized (e) {
        for (int i = 0; i < totals.length; i++) {
          totals[i] = e.history.earned(periods.get(i));
        }
      }
    }
    return PeriodTotals.of(periods, totals);
  }

  @Override
  public boolean apply(ParticipantId participant, Currency currency, Contribution contribution) {
    requireNonNull(contribution, "contribution");
    ParticipantHistory.requireCurrency(requireNonNull(participant, "participant"), requireNonNull(currency,
        "currency"), contribution);
    Entry e = entry(participant, currency);
    synchronized (e) {
      if (e.has(contribution.activity(), Entry.FIGURES)) {
        return false;
      }
      // throws before anything changes when the stored history is kept in another currency
      e.history.add(contribution);
      e.mark(contribution.activity(), Entry.FIGURES);
      return true;
    }
  }

  @Override
  public boolean applyPoints(ParticipantId participant, Currency currency, PointsContribution contribution) {
    requireNonNull(contribution, "contribution");
    requireNonNull(currency, "currency");
    int step = Entry.bit(contribution.step());
    Entry e = entry(requireNonNull(participant, "participant"), currency);
    synchronized (e) {
      if (e.has(contribution.activity(), step)) {
        return false;
      }
      // added before the step is remembered, so an overflow leaves the entry as it was
      e.history.add(contribution);
      e.mark(contribution.activity(), step);
      return true;
    }
  }

  private Entry entry(ParticipantId participant, Currency currency) {
    return histories.computeIfAbsent(participant, id -> new Entry(id, currency));
  }

  @Override
  public TierStanding standing(ParticipantId participant) {
    return standings.getOrDefault(requireNonNull(participant, "participant"), TierStanding.none());
  }

  @Override
  public void saveStanding(ParticipantId participant, TierStanding standing) {
    standings.put(requireNonNull(participant, "participant"), requireNonNull(standing, "standing"));
  }

  @Override
  public List<ParticipantId> participants() {
    Set<ParticipantId> all = new HashSet<>(histories.keySet());
    all.addAll(standings.keySet());
    return new ArrayList<>(all);
  }
}
