package dev.loyalty.core.event;

import java.util.List;

/**
 * The durable, ordered log of events and each consumer's position in it. A host that must not
 * lose notifications across restarts implements it on its database; {@link InMemoryEventOutbox}
 * is the default. Implementations must be thread-safe.
 */
public interface EventOutbox {

  /**
   * Appends {@code events} in order, skipping any whose id is already in the outbox (the engine
   * appends again after a crash), atomically: of two threads appending an event with the same id,
   * exactly one appends it.
   *
   * @return the events appended now, in order (not those skipped); never null
   */
  List<LoyaltyEvent> append(List<LoyaltyEvent> events);

  /** Up to {@code limit} events after {@code position}, in order. */
  List<StoredEvent> after(long position, int limit);

  /** The last position {@code consumer} has handled; 0 if none. */
  long position(String consumer);

  /** Records that {@code consumer} has handled everything up to {@code position}. */
  void advance(String consumer, long position);
}
