package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import java.util.List;

/**
 * What one step of one activity adds to one participant's earned points: positive for awards
 * posted or held for review, negative for what a review released or a return took back. A store
 * applies each (activity, step) to a participant at most once, so the engine can repeat the steps
 * of an interrupted activity.
 *
 * @param activity the activity it comes from (a return's own id for what the return took back);
 *                 never null
 * @param step     which step of the activity; never null
 * @param periods  the periods the points count in: those of the day the points were earned (a
 *                 return's take-back counts in its invoice's periods), at most one of each kind;
 *                 not empty; never null
 * @param points   per rule and campaign; never null
 */
public record PointsContribution(ActivityId activity, Step step, List<EarningPeriod> periods, PointTotals points) {
  public PointsContribution {
    requireNonNull(activity, "activity");
    requireNonNull(step, "step");
    periods = List.copyOf(requireNonNull(periods, "periods"));
    requireNonNull(points, "points");
    if (periods.isEmpty()) {
      throw new IllegalArgumentException("points of " + activity + " must count in at least one period");
    }
    // the kinds seen as bits: built for every participant of every activity, so no set per check
    int kinds = 0;
    for (EarningPeriod p : periods) {
      int bit = 1 << p.kind().ordinal();
      if ((kinds & bit) != 0) {
        throw new IllegalArgumentException("points of " + activity + " count in two " + p.kind() + " periods: "
            + periods);
      }
      kinds |= bit;
    }
  }

  /** The steps of an activity that change earned points, each applied at most once. */
  public enum Step {
    /**
     * The activity was recorded: the points it posted, or held for review (held points count as
     * earned, so that approvals cannot take a participant past a cap); for a return, the points
     * it took back, as negative points.
     */
    RECORDED,
    /**
     * A reviewer decided: a rejection takes back what was held; an approval takes back what the
     * ledger then refused to post (usually nothing).
     */
    REVIEWED
  }
}
