package dev.loyalty.core.rewards;

import dev.loyalty.core.model.Names;

/**
 * How a physical reward travels: the carrier and its tracking reference.
 *
 * @param carrier  the carrier's name ("Blue Dart"); not blank, at most 200 characters; never null
 * @param tracking the carrier's tracking reference; not blank, at most 200 characters; never null
 */
public record Shipment(String carrier, String tracking) {
  public Shipment {
    Names.requireText(carrier, "carrier", Names.MAX_TEXT);
    Names.requireText(tracking, "tracking reference", Names.MAX_TEXT);
  }

  /** {@code carrier} with {@code tracking}. */
  public static Shipment of(String carrier, String tracking) {
    return new Shipment(carrier, tracking);
  }
}
