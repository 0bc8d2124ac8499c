package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.event.LoyaltyEvent;

/**
 * An event at its position in the outbox.
 *
 * @param position positive, increasing in append order
 * @param event    never null
 */
public record StoredEvent(long position, LoyaltyEvent event) {
  public StoredEvent {
    requireNonNull(event, "event");
    if (position <= 0) {
      throw new IllegalArgumentException("outbox positions start at 1, got " + position);
    }
  }
}
