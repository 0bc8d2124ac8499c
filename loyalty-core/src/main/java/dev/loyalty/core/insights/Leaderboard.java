package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.loyalty.core.insights.internal.Json;
import dev.loyalty.core.model.ParticipantId;
import java.math.BigDecimal;
import java.util.List;

/**
 * The top places of a {@link LeaderboardQuery}. Ranks are standard competition ranks: equal values
 * share a rank and the next rank skips as many places (1, 2, 2, 4); within a rank, participants are
 * listed by id, so the same data always gives the same board. A board may list more entries than
 * {@code top} when participants tie for the last place listed. Immutable.
 *
 * @param query   never null
 * @param ranked  how many participants were ranked (everyone the filter counts, zeros included)
 * @param entries best first; never null
 */
public record Leaderboard(LeaderboardQuery query, long ranked, List<Entry> entries) {
  public Leaderboard {
    requireNonNull(query, "query");
    entries = List.copyOf(requireNonNull(entries, "entries"));
  }

  /**
   * One participant's place.
   *
   * @param rank        1 for the best
   * @param participant never null
   * @param name        the participant's name; never null
   * @param value       points (a whole number) or net sales; never null
   */
  public record Entry(int rank, @JsonSerialize(using = Json.Participant.class) ParticipantId participant, String name,
      BigDecimal value) {
    public Entry {
      requireNonNull(participant, "participant");
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      if (rank < 1) {
        throw new IllegalArgumentException("ranks start at 1, got " + rank);
      }
    }
  }
}
