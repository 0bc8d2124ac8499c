package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.loyalty.core.insights.internal.Json;
import dev.loyalty.core.model.TierId;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * How many participants were in each tier at the end of a day, from the tier history. Immutable.
 *
 * @param at       the day; never null
 * @param partners per tier, "no tier" first then the program's tiers lowest first, each listed even
 *                 when empty; never null
 * @param members  the same for members; never null
 */
public record TierDistribution(@JsonSerialize(using = ToStringSerializer.class) LocalDate at,
    List<TierCount> partners, List<TierCount> members) {
  public TierDistribution {
    requireNonNull(at, "at");
    partners = List.copyOf(requireNonNull(partners, "partners"));
    members = List.copyOf(requireNonNull(members, "members"));
  }

  /**
   * Participants in one tier.
   *
   * @param tier         empty for no tier; never null
   * @param participants how many
   */
  public record TierCount(@JsonSerialize(using = Json.OptionalText.class) Optional<TierId> tier, long participants) {
    public TierCount {
      requireNonNull(tier, "tier");
    }
  }
}
