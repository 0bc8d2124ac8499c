package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.event.EventDispatcher;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.spi.EventOutbox;
import java.util.List;

/**
 * The engine's one way into the {@link EventOutbox}: every capability appends its events here,
 * and delivery to listeners starts here. Thread-safe.
 */
public final class Events {
  private final EventOutbox outbox;
  private final EventDispatcher dispatcher;

  /** Events kept in {@code outbox}, delivered by {@code dispatcher}. */
  public Events(EventOutbox outbox, EventDispatcher dispatcher) {
    this.outbox = requireNonNull(outbox, "outbox");
    this.dispatcher = requireNonNull(dispatcher, "dispatcher");
  }

  /**
   * Appends {@code events}, skipping ids the outbox has already.
   *
   * @return the events appended now
   */
  public List<LoyaltyEvent> append(List<? extends LoyaltyEvent> events) {
    return events.isEmpty() ? List.of() : requireNonNull(outbox.append(List.copyOf(events)),
        "outbox returned null");
  }

  /**
   * Delivers what listeners have not had yet.
   *
   * @return how many deliveries succeeded
   */
  public int deliver() {
    return dispatcher.deliver();
  }
}
