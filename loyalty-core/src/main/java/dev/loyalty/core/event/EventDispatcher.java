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

  /**
   * Pages through the outbox for every listener while some listener got a full page (a shorter one
   * means it has caught up; events appended since are the next call's, which their appender makes).
   */
  private int deliverUntilNoProgress() {
    int delivered = 0;
    boolean more = true;
    while (more) {
      more = false;
      for (Map.Entry<String, LoyaltyListener> e : listeners.entrySet()) {
        Page page = deliverTo(e.getKey(), e.getValue());
        delivered += page.delivered();
        more |= page.full() && page.delivered() > 0;
      }
    }
    return delivered;
  }

  /** What one page did for one listener. */
  private record Page(int delivered, boolean full) {
  }

  /**
   * Delivers one page to {@code listener} (what comes after its position, read in one step: {@link
   * EventOutbox#pending}) and records its position once, after the page (or after the last event it
   * took, if it failed): a crash in between hands it the page's events again, which at-least-once
   * allows.
   */
  private Page deliverTo(String name, LoyaltyListener listener) {
    int delivered = 0;
    List<StoredEvent> page = outbox.pending(name, PAGE);
    if (page.isEmpty()) {
      return new Page(0, false);
    }
    // positions have no gaps, so the consumer's is the one before the page's first
    long position = page.get(0).position() - 1;
    long handled = position;
    for (StoredEvent stored : page) {
      try {
        listener.onEvent(stored.event());
      } catch (Exception | AssertionError failure) {
        LOG.warn("listener {} failed on event {} at outbox position {}; it gets the event again at the next delivery",
            name, stored.event().id(), stored.position(), failure);
        break;
      }
      handled = stored.position();
      delivered++;
    }
    if (handled > position) {
      outbox.advance(name, handled);
    }
    return new Page(delivered, page.size() == PAGE);
  }
}
