package dev.loyalty.rules.standard;

import dev.loyalty.rules.facts.PointsAward;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Limits what one activity pays one partner ({@code cap.points-per-activity}). Read by the
 * ready-made {@code partner-cap} rule in the cap stage, before the split, so the cap is on the
 * partner's whole earning (its rep's share included).
 */
public final class AwardCaps {
  /** The parameter. */
  public static final String PER_ACTIVITY = "cap.points-per-activity";

  private AwardCaps() {
  }

  /** The sum of the points of {@code awards} (the facts of a {@code collect}). */
  public static long total(Collection<?> awards) {
    long sum = 0;
    for (Object award : awards) {
      sum = Math.addExact(sum, ((PointsAward) award).getPoints());
    }
    return sum;
  }

  /**
   * Cuts {@code awards} so that together they pay at most {@code cap}. They are kept whole in a
   * fixed order (the program's own awards before campaign awards, then by kind, then by points,
   * largest first) until the cap is reached; the one that would pass it is cut to what is left, the
   * rest to zero. Returns the awards it changed, which the rule must {@code update}.
   */
  public static List<PointsAward> limit(Collection<?> awards, long cap, String note) {
    List<PointsAward> ordered = new ArrayList<>();
    awards.forEach(a -> ordered.add((PointsAward) a));
    ordered.sort(Comparator.comparing(PointsAward::isFromCampaign).thenComparing(PointsAward::getKind)
        .thenComparing(Comparator.comparingLong(PointsAward::getPoints).reversed()));
    List<PointsAward> changed = new ArrayList<>();
    long left = cap;
    for (PointsAward award : ordered) {
      long keep = Math.min(award.getPoints(), left);
      left -= keep;
      if (keep < award.getPoints()) {
        award.capAt(keep, note);
        changed.add(award);
      }
    }
    return changed;
  }
}
