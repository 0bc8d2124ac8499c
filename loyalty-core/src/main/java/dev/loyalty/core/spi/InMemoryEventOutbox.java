package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.event.LoyaltyEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link EventOutbox#inMemory()}: events on the heap, under the instance's monitor. Thread-safe.
 *
 * <p>The ids already appended are found through an open-addressing table of positions (the event
 * itself holds its id), not a hash set of the ids: the engine appends about two events per
 * activity, and a set kept a 32-byte entry and a table slot for each, for as long as the outbox
 * lives.
 */
final class InMemoryEventOutbox implements EventOutbox {

  private final List<LoyaltyEvent> events = new ArrayList<>();
  /**
   * Per event, its position in {@link #events} plus one, in the slot its id's hash names or the
   * next free one after it (0: free); at most half full.
   */
  private int[] slots = new int[64];
  private final Map<String, Long> positions = new HashMap<>();

  @Override
  public synchronized List<LoyaltyEvent> append(List<LoyaltyEvent> newEvents) {
    List<LoyaltyEvent> appended = new ArrayList<>();
    for (LoyaltyEvent e : requireNonNull(newEvents, "newEvents")) {
      int slot = slotOf(e.id());
      if (slots[slot] == 0) {
        events.add(e);
        slots[slot] = events.size();
        appended.add(e);
        if (events.size() * 2 > slots.length) {
          grow();
        }
      }
    }
    return appended;
  }

  /** The slot of the event with {@code id}, or the free slot where it would go. */
  private int slotOf(String id) {
    int mask = slots.length - 1;
    int h = id.hashCode();
    for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
      int at = slots[i];
      if (at == 0 || events.get(at - 1).id().equals(id)) {
        return i;
      }
    }
  }

  private void grow() {
    slots = new int[slots.length * 2];
    for (int i = 0; i < events.size(); i++) {
      slots[slotOf(events.get(i).id())] = i + 1;
    }
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
