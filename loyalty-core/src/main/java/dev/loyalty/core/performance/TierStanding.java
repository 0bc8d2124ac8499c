package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.TierId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A participant's tier and where it stands in the grace period.
 *
 * @param tier       the current tier, if any; never null
 * @param since      when it was reached; present with {@code tier}; never null
 * @param shortSince the review day that first found the participant short of its tier; grace is
 *                   counted from it; empty while it meets the criteria; never null
 */
public record TierStanding(Optional<TierId> tier, Optional<Instant> since, Optional<LocalDate> shortSince) {
  public TierStanding {
    requireNonNull(tier, "tier");
    requireNonNull(since, "since");
    requireNonNull(shortSince, "shortSince");
    if (tier.isPresent() != since.isPresent()) {
      throw new IllegalArgumentException("a tier and the time it was reached go together");
    }
  }

  /** No tier. */
  public static TierStanding none() {
    return new TierStanding(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** In {@code tier} since {@code since}, meeting it. */
  public static TierStanding in(TierId tier, Instant since) {
    return new TierStanding(Optional.of(tier), Optional.of(since), Optional.empty());
  }

  /** The same tier, found short at the review of {@code day}. */
  public TierStanding shortSince(LocalDate day) {
    return new TierStanding(tier, since, Optional.of(day));
  }
}
