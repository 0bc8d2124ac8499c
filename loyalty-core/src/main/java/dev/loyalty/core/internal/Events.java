package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.event.EventDispatcher;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.spi.EventOutbox;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one way into the {@link EventOutbox}: every capability appends its events here,
 * and delivery to listeners starts here. Thread-safe.
 */
public final class Events {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);
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
   * Appends {@code events}, skipping ids the outbox has already, without asking which were new (the
   * outbox may send them with the end of the caller's transaction).
   */
  public void add(List<? extends LoyaltyEvent> events) {
    if (!events.isEmpty()) {
      outbox.add(List.copyOf(events));
    }
  }

  /**
   * Delivers what listeners have not had yet, after a delivery in progress (the host's call: {@link
   * EventDispatcher#deliver()}).
   *
   * @return how many deliveries succeeded
   */
  public int deliver() {
    return dispatcher.deliver();
  }

  /**
   * Delivers what listeners have not had yet after work that has committed, on this thread unless
   * another is delivering ({@link EventDispatcher#deliverSoon()}): a failure to read the outbox (a
   * store that is down) must not fail that work, so it is logged and the events wait for the next
   * delivery.
   */
  public void deliverQuietly() {
    try {
      dispatcher.deliverSoon();
    } catch (RuntimeException e) {
      LOG.warn("events could not be delivered now; they are delivered at the next delivery", e);
    }
  }
}
