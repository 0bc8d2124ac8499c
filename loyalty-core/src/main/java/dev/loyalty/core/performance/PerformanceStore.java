package dev.loyalty.core.performance;

import dev.loyalty.core.model.ParticipantId;
import java.util.Currency;
import java.util.List;

/**
 * Keeps each participant's {@link ParticipantHistory} and {@link TierStanding}. The engine calls it
 * while holding its lock for the activity's partner, so one participant is never updated by two
 * threads at once; an implementation must still be safe to read from any thread.
 *
 * <p>{@link #apply} must apply each activity's contribution to a participant at most once: after
 * a crash the engine repeats the steps of an activity that did not complete, and relies on this to
 * count it once. {@link InMemoryPerformanceStore} is the default.
 */
public interface PerformanceStore {

  /** The participant's history; an empty one in {@code currency} if nothing is recorded. */
  ParticipantHistory history(ParticipantId participant, Currency currency);

  /**
   * Adds {@code contribution} to the participant's history unless a contribution of the same
   * activity was applied before.
   *
   * @return whether it was applied now
   */
  boolean apply(ParticipantId participant, Currency currency, Contribution contribution);

  /** The participant's tier standing; {@link TierStanding#none()} if none is recorded. */
  TierStanding standing(ParticipantId participant);

  /** Replaces the participant's tier standing. */
  void saveStanding(ParticipantId participant, TierStanding standing);

  /** Every participant with a recorded history or standing, for period-close reviews. */
  List<ParticipantId> participants();
}
