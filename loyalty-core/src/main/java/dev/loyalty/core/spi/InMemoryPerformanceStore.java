package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.ParticipantHistory;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.performance.TierStanding;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link PerformanceStore#inMemory()}: everything on the heap. Thread-safe. Remembers every applied
 * activity id per participant, as the at-most-once contract requires.
 */
final class InMemoryPerformanceStore implements PerformanceStore {

  /** Mutated only inside {@code compute}, which the map runs atomically per key. */
  private record Entry(ParticipantHistory history, Set<ActivityId> applied, Set<PointsKey> pointsApplied) {
    Entry(ParticipantHistory history) {
      this(history, new HashSet<>(), new HashSet<>());
    }
  }

  /** What {@link #applyPoints} applies at most once. */
  private record PointsKey(ActivityId activity, PointsContribution.Step step) {
  }

  private final ConcurrentMap<ParticipantId, Entry> histories = new ConcurrentHashMap<>();
  private final ConcurrentMap<ParticipantId, TierStanding> standings = new ConcurrentHashMap<>();

  @Override
  public ParticipantHistory history(ParticipantId participant, Currency currency) {
    Entry e = histories.get(requireNonNull(participant, "participant"));
    return e == null ? ParticipantHistory.empty(participant, currency) : e.history();
  }

  @Override
  public boolean apply(ParticipantId participant, Currency currency, Contribution contribution) {
    requireNonNull(contribution, "contribution");
    ParticipantHistory.requireCurrency(requireNonNull(participant, "participant"), requireNonNull(currency,
        "currency"), contribution);
    boolean[] applied = {false};
    histories.compute(requireNonNull(participant, "participant"), (id, e) -> {
      Entry current = e == null ? new Entry(ParticipantHistory.empty(id, currency)) : e;
      if (current.applied().contains(contribution.activity())) {
        return current;
      }
      ParticipantHistory next = current.history().plus(contribution);
      current.applied().add(contribution.activity());
      applied[0] = true;
      return new Entry(next, current.applied(), current.pointsApplied());
    });
    return applied[0];
  }

  @Override
  public boolean applyPoints(ParticipantId participant, Currency currency, PointsContribution contribution) {
    requireNonNull(contribution, "contribution");
    requireNonNull(currency, "currency");
    PointsKey key = new PointsKey(contribution.activity(), contribution.step());
    boolean[] applied = {false};
    histories.compute(requireNonNull(participant, "participant"), (id, e) -> {
      Entry current = e == null ? new Entry(ParticipantHistory.empty(id, currency)) : e;
      if (current.pointsApplied().contains(key)) {
        return current;
      }
      // computed before the key is remembered, so an overflow leaves the entry as it was
      ParticipantHistory next = current.history().plus(contribution);
      current.pointsApplied().add(key);
      applied[0] = true;
      return new Entry(next, current.applied(), current.pointsApplied());
    });
    return applied[0];
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
