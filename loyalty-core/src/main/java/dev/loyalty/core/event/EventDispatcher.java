package dev.loyalty.core.event;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox to named listeners, each from its own position. A listener that throws
 * stops at that event and gets it again at the next {@link #deliver()}; the others go on.
 * Thread-safe: one thread delivers at a time; a concurrent call returns at once rather than wait,
 * since the thread already delivering will carry on to the end of the outbox.
 */
public final class EventDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
  private static final int PAGE = 256;

  private final EventOutbox outbox;
  private final Map<String, LoyaltyListener> listeners;
  private final ReentrantLock delivering = new ReentrantLock();

  /** Delivers {@code outbox} to {@code listeners} (name to listener; the name keys its position). */
  public EventDispatcher(EventOutbox outbox, Map<String, LoyaltyListener> listeners) {
    this.outbox = requireNonNull(outbox, "outbox");
    this.listeners = new LinkedHashMap<>(requireNonNull(listeners, "listeners"));
  }

  /**
   * Delivers everything not yet delivered to every listener.
   *
   * @return how many deliveries succeeded (events times listeners)
   */
  public int deliver() {
    if (listeners.isEmpty() || !delivering.tryLock()) {
      return 0;
    }
    try {
      int delivered = 0;
      // Loop until no listener makes progress: events appended meanwhile by other threads (whose
      // own tryLock failed) are picked up here.
      boolean progress = true;
      while (progress) {
        progress = false;
        for (Map.Entry<String, LoyaltyListener> e : listeners.entrySet()) {
          int n = deliverTo(e.getKey(), e.getValue());
          delivered += n;
          progress |= n > 0;
        }
      }
      return delivered;
    } finally {
      delivering.unlock();
    }
  }

  private int deliverTo(String name, LoyaltyListener listener) {
    int delivered = 0;
    long position = outbox.position(name);
    List<StoredEvent> page = outbox.after(position, PAGE);
    for (StoredEvent stored : page) {
      try {
        listener.onEvent(stored.event());
      } catch (Exception | AssertionError failure) {
        LOG.warn("listener {} failed on event {} at outbox position {}; it gets the event again at the next delivery",
            name, stored.event().id(), stored.position(), failure);
        break;
      }
      outbox.advance(name, stored.position());
      delivered++;
    }
    return delivered;
  }
}
