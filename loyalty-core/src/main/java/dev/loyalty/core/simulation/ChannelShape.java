package dev.loyalty.core.simulation;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;
import java.util.HashSet;
import java.util.List;

/**
 * How many of each kind of participant a generated channel has, and the regions they are spread
 * over. Immutable; never null.
 *
 * @param distributors at least 1: the top of the channel
 * @param dealers      not negative; each under a distributor of its region when there is one
 * @param retailers    not negative; each under a dealer of its region when there is one
 * @param reps         sales reps, not negative; spread over distributors and dealers (each gets one
 *                     before any gets a second, then the larger partners get more)
 * @param regions      at least one region name (a slug: "north"), each once
 */
public record ChannelShape(int distributors, int dealers, int retailers, int reps, List<String> regions) {

  /** The regions {@link #ofPartners(int)} spreads partners over. */
  public static final List<String> DEFAULT_REGIONS = List.of("north", "south", "east", "west", "central");

  public ChannelShape {
    if (distributors < 1) {
      throw new IllegalArgumentException("a channel needs at least 1 distributor, got " + distributors);
    }
    if (dealers < 0 || retailers < 0 || reps < 0) {
      throw new IllegalArgumentException("dealers, retailers and reps must not be negative, got " + dealers + ", "
          + retailers + ", " + reps);
    }
    long partners = (long) distributors + dealers + retailers;
    if (partners + reps > 10_000_000) {
      throw new IllegalArgumentException("a generated channel holds at most 10,000,000 participants, got "
          + (partners + reps));
    }
    regions = List.copyOf(requireNonNull(regions, "regions"));
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("a channel needs at least one region");
    }
    if (new HashSet<>(regions).size() != regions.size()) {
      throw new IllegalArgumentException("regions must be distinct, got " + regions);
    }
    regions.forEach(r -> Names.requireSlug(r, "region"));
  }

  /**
   * A channel of {@code partners} organisations in {@link #DEFAULT_REGIONS}, shaped like a typical
   * manufacturer's: 1% distributors (at least one), 29% dealers, the rest retailers, five reps per
   * distributor and two per dealer.
   *
   * @throws IllegalArgumentException if {@code partners} is below 1
   */
  public static ChannelShape ofPartners(int partners) {
    if (partners < 1) {
      throw new IllegalArgumentException("a channel needs at least 1 partner, got " + partners);
    }
    int distributors = Math.max(1, Math.round(partners * 0.01f));
    int dealers = Math.min(partners - distributors, Math.round(partners * 0.29f));
    int retailers = partners - distributors - dealers;
    return new ChannelShape(distributors, dealers, retailers, distributors * 5 + dealers * 2, DEFAULT_REGIONS);
  }

  /** Distributors, dealers and retailers together. */
  public int partners() {
    return distributors + dealers + retailers;
  }
}
