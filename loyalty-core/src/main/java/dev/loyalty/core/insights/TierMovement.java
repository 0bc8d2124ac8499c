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
 * The transition matrix of tiers between the ends of two days: for every pair (tier on {@code
 * from}, tier on {@code to}), how many participants went from one to the other. Immutable.
 *
 * @param from     never null
 * @param to       not before {@code from}; never null
 * @param partners one cell per pair of tiers ("no tier" first, then lowest first), rows by the tier
 *                 on {@code from}, every cell listed even when empty; never null
 * @param members  the same for members; never null
 */
public record TierMovement(@JsonSerialize(using = ToStringSerializer.class) LocalDate from,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate to, List<Cell> partners, List<Cell> members) {
  public TierMovement {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    partners = List.copyOf(requireNonNull(partners, "partners"));
    members = List.copyOf(requireNonNull(members, "members"));
  }

  /**
   * Participants that were in {@code from} and then in {@code to}.
   *
   * @param from         empty for no tier; never null
   * @param to           empty for no tier; never null
   * @param participants how many
   */
  public record Cell(@JsonSerialize(using = Json.OptionalText.class) Optional<TierId> from,
      @JsonSerialize(using = Json.OptionalText.class) Optional<TierId> to, long participants) {
    public Cell {
      requireNonNull(from, "from");
      requireNonNull(to, "to");
    }
  }

  /** How many partners ended in another tier than they started in. */
  public long partnersMoved() {
    return partners.stream().filter(c -> !c.from().equals(c.to())).mapToLong(Cell::participants).sum();
  }
}
