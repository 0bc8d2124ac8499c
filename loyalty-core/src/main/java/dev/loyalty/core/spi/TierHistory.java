package dev.loyalty.core.spi;

import dev.loyalty.core.insights.TierMove;
import dev.loyalty.core.model.ParticipantId;
import java.util.List;

/**
 * Every tier move the engine made, so that a participant's tier as of any date can be read back
 * (tier distributions and movements in {@code engine.insights()}). The engine appends each move
 * once, before it saves the participant's new standing, under the id of the move's {@code
 * TierChanged} event; after a crash it appends the same move again, which is skipped. {@link
 * #inMemory()} keeps the history for the life of the JVM.
 *
 * <p>Contract (the abstract {@code TierHistoryContract} in core's test-jar checks it):
 * implementations are thread-safe, also against writers in other processes sharing the store;
 * {@link #append} is atomic and keeps each id at most once (of concurrent appends of one id exactly
 * one succeeds); moves read back equal to what was appended, a participant's in the order they
 * were appended. The engine never appends two moves of one participant at once. No method accepts
 * or returns null.
 */
public interface TierHistory {

  /** A history kept in memory. */
  static TierHistory inMemory() {
    return new InMemoryTierHistory();
  }

  /**
   * Appends {@code move} unless a move with its id is there.
   *
   * @return whether it was appended now
   */
  boolean append(TierMove move);

  /**
   * Appends {@code move} unless a move with its id is there, as {@link #append} does, without
   * saying which: a store that joins the caller's transaction may send it with that transaction's
   * end (reads in the same transaction still see it). The engine records its moves this way.
   */
  default void record(TierMove move) {
    append(move);
  }

  /** The participant's moves in the order they were appended; empty if it never moved. */
  List<TierMove> of(ParticipantId participant);

  /** Every move, each participant's in the order they were appended. */
  List<TierMove> moves();
}
