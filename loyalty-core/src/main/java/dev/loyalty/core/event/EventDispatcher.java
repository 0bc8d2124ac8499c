package dev.loyalty.core.event;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.spi.StoredEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox to named listeners, each from its own position. A listener that throws
 * stops at that event and gets it again at the next {@link #deliver()}; the others go on.
 * Thread-safe: one thread delivers at a time; a concurrent call returns at once rather than wait,
 * and the thread already delivering takes another turn for it.
 */
public final class EventDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
  private static final int PAGE = 256;

  private final EventOutbox outbox;
  private final Map<String, LoyaltyListener> listeners;
  private final ReentrantLock delivering = new ReentrantLock();
  private final AtomicBoolean missed = new AtomicBoolean();

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
    if (listeners.isEmpty()) {
      return 0;
    }
    int delivered = 0;
    // A thread that finds another delivering leaves a note instead of waiting; the delivering
    // thread takes another turn for it after unlocking, so events appended meanwhile are not left
    // behind until the next call.
    missed.set(true);
    while (missed.get() && delivering.tryLock()) {
      try {
        missed.set(false);
        delivered += deliverUntilNoProgress();
      } finally {
        delivering.unlock();
      }
    }
    return delivered;
  }

  private int deliverUntilNoProgress() {
    int delivered = 0;
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
