package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.TierId;
import java.math.BigDecimal;

/**
 * A level of the program ("silver", "gold").
 *
 * @param id             never null
 * @param name           shown to partners; never null or blank
 * @param criteria       what it takes to reach and keep it; never null
 * @param earnMultiplier what tier-multiplier rules scale base awards by (1 for none); positive;
 *                       never null
 */
public record Tier(TierId id, String name, TierCriteria criteria, BigDecimal earnMultiplier) {
  public Tier {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("tier " + id + " has a blank name");
    }
    requireNonNull(criteria, "criteria");
    requireNonNull(earnMultiplier, "earnMultiplier");
    if (earnMultiplier.signum() <= 0) {
      throw new IllegalArgumentException("earn multiplier of tier " + id + " must be positive, got " + earnMultiplier);
    }
  }
}
