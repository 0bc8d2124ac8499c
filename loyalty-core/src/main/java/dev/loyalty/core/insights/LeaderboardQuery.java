package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

/**
 * What a leaderboard ranks: partners or members, by points or net sales, over a period, among the
 * participants a filter counts, and how many to list. Immutable.
 *
 * @param kind   partners or members; never null
 * @param metric never null
 * @param period never null
 * @param filter never null
 * @param top    how many places to list, 1 to 10,000
 */
public record LeaderboardQuery(Kind kind, Metric metric, DateRange period, ParticipantFilter filter, int top) {
  public LeaderboardQuery {
    requireNonNull(kind, "kind");
    requireNonNull(metric, "metric");
    requireNonNull(period, "period");
    requireNonNull(filter, "filter");
    if (top < 1 || top > 10_000) {
      throw new IllegalArgumentException("a leaderboard lists 1 to 10000 places, asked for " + top);
    }
  }

  /** The top {@code top} of {@code kind} by {@code metric} over {@code period}, everyone counted. */
  public static LeaderboardQuery of(Kind kind, Metric metric, DateRange period, int top) {
    return new LeaderboardQuery(kind, metric, period, ParticipantFilter.everyone(), top);
  }

  /** A copy counting only the participants {@code newFilter} counts. */
  public LeaderboardQuery filter(ParticipantFilter newFilter) {
    return new LeaderboardQuery(kind, metric, period, newFilter, top);
  }

  /** Who is ranked. */
  public enum Kind {
    /** Organisations. */
    PARTNERS,
    /** Individuals. */
    MEMBERS
  }

  /** What they are ranked by. */
  public enum Metric {
    /** Points awarded in the period less what returns in it took back (the wallet's view). */
    POINTS,
    /** Net sales of the activities in the period (sales less returns), in the participants' one currency. */
    SALES
  }
}
