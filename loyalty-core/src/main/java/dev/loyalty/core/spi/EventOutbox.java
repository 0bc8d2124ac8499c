package dev.loyalty.core.spi;

import dev.loyalty.core.event.LoyaltyEvent;
import java.util.List;

/**
 * The ordered log of events and each consumer's position in it. A host that must not lose
 * notifications across restarts keeps it on its database; {@link #inMemory()} keeps it for the
 * life of the JVM, and {@code dev.loyalty.core.jdbc.JdbcEventOutbox} in PostgreSQL.
 *
 * <p>Contract (the abstract {@code EventOutboxContract} in core's test-jar checks it):
 * implementations are thread-safe, also against writers in other processes sharing the outbox.
 * Each event id is in the outbox at most once. Positions are 1, 2, 3, ... without gaps, in the
 * order appends became visible, and never move: once a reader has seen position {@code p}, no event
 * ever appears at a position at or below {@code p} that it has not seen, so a consumer that advances
 * past what it read never skips an event appended by a transaction that committed later. A
 * consumer's position only moves forward. No method accepts or returns null.
 */
public interface EventOutbox {

  /** An outbox that keeps its events in memory. */
  static EventOutbox inMemory() {
    return new InMemoryEventOutbox();
  }

  /**
   * Appends {@code events} in order, skipping any whose id is already in the outbox (the engine
   * appends again after a crash), atomically: of two threads appending an event with the same id,
   * exactly one appends it.
   *
   * @return the events appended now, in order (not those skipped)
   */
  List<LoyaltyEvent> append(List<LoyaltyEvent> events);

  /**
   * Appends {@code events} as {@link #append} does, without saying which were new: a store that
   * joins the caller's transaction may send them with that transaction's end (reads in the same
   * transaction still see them). The engine appends this way where it needs no answer.
   */
  default void add(List<LoyaltyEvent> events) {
    append(events);
  }

  /**
   * Up to {@code limit} events after {@code consumer}'s position, in position order: {@code
   * after(position(consumer), limit)}, which a store may answer in one step.
   */
  default List<StoredEvent> pending(String consumer, int limit) {
    return after(position(consumer), limit);
  }

  /**
   * Records that {@code consumer} has handled everything up to {@code handled}, unless its position
   * is there or past it already (another instance delivering under the same name moved it), then
   * returns up to {@code limit} events after its position, in position order: {@link #advance} and
   * {@link #pending(String, int)}, which a store may answer in one step. A dispatcher that keeps the
   * position it reached and sends it with its next page saves a step per page; the position in the
   * outbox then trails what was handled until that next page (a crash in between hands the events
   * again: at least once).
   *
   * @throws IllegalArgumentException if {@code handled} is negative or above the last position in
   *                                  the outbox, or {@code limit} not positive; the consumer does not move
   */
  default List<StoredEvent> advanceAndPending(String consumer, long handled, int limit) {
    if (handled < 0 || limit < 1) {
      throw new IllegalArgumentException("handled must not be negative and limit positive, got " + handled
          + " and " + limit);
    }
    if (handled > position(consumer)) {
      advance(consumer, handled);
    }
    return pending(consumer, limit);
  }

  /**
   * Up to {@code limit} events after {@code position}, in position order.
   *
   * @throws IllegalArgumentException if {@code position} is negative or {@code limit} not positive
   */
  List<StoredEvent> after(long position, int limit);

  /** The last position {@code consumer} has handled; 0 if none. */
  long position(String consumer);

  /**
   * Records that {@code consumer} has handled everything up to {@code position}.
   *
   * @throws IllegalArgumentException if {@code position} is below the consumer's position or above
   *                                  the last position in the outbox; nothing changes
   */
  void advance(String consumer, long position);
}
