package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.event.LoyaltyEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link EventOutbox#inMemory()}: events on the heap, under the instance's monitor. Thread-safe. */
final class InMemoryEventOutbox implements EventOutbox {

  private final List<LoyaltyEvent> events = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  private final Map<String, Long> positions = new HashMap<>();

  @Override
  public synchronized List<LoyaltyEvent> append(List<LoyaltyEvent> newEvents) {
    List<LoyaltyEvent> appended = new ArrayList<>();
    for (LoyaltyEvent e : requireNonNull(newEvents, "newEvents")) {
      if (ids.add(e.id())) {
        events.add(e);
        appended.add(e);
      }
    }
    return appended;
  }

  @Override
  public synchronized List<StoredEvent> after(long position, int limit) {
    if (position < 0 || limit < 1) {
      throw new IllegalArgumentException("position must not be negative and limit positive, got " + position
          + " and " + limit);
    }
    List<StoredEvent> page = new ArrayList<>();
    for (long p = position; p < events.size() && page.size() < limit; p++) {
      page.add(new StoredEvent(p + 1, events.get((int) p)));
    }
    return page;
  }

  /** Atomically, under the monitor. */
  @Override
  public synchronized List<StoredEvent> advanceAndPending(String consumer, long handled, int limit) {
    requireNonNull(consumer, "consumer");
    if (handled < 0 || limit < 1) {
      throw new IllegalArgumentException("handled must not be negative and limit positive, got " + handled
          + " and " + limit);
    }
    if (handled > position(consumer)) {
      advance(consumer, handled);
    }
    return after(position(consumer), limit);
  }

  @Override
  public synchronized long position(String consumer) {
    return positions.getOrDefault(requireNonNull(consumer, "consumer"), 0L);
  }

  @Override
  public synchronized void advance(String consumer, long position) {
    requireNonNull(consumer, "consumer");
    if (position < position(consumer) || position > events.size()) {
      throw new IllegalArgumentException("cannot move " + consumer + " from " + position(consumer) + " to "
          + position + " in an outbox of " + events.size() + " events");
    }
    positions.put(consumer, position);
  }
}
