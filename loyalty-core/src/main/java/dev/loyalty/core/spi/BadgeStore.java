package dev.loyalty.core.spi;

import dev.loyalty.core.insights.EarnedBadge;
import dev.loyalty.core.model.ParticipantId;
import java.util.List;

/**
 * The badges and milestones participants earned. The engine files each badge of a recorded
 * activity's receipt once, under {@link EarnedBadge#id()}, before it completes the activity; after
 * a crash it files the same badge again, which is skipped. {@link #inMemory()} keeps them for the
 * life of the JVM.
 *
 * <p>Contract (the abstract {@code BadgeStoreContract} in core's test-jar checks it):
 * implementations are thread-safe, also against writers in other processes sharing the store;
 * {@link #award} is atomic and keeps each id at most once (of concurrent awards of one id exactly
 * one succeeds); badges read back equal to what was filed, a participant's in the order they were
 * filed. No method accepts or returns null.
 */
public interface BadgeStore {

  /** A store that keeps badges in memory. */
  static BadgeStore inMemory() {
    return new InMemoryBadgeStore();
  }

  /**
   * Files {@code badge} unless a badge with its id is there.
   *
   * @return whether it was filed now
   */
  boolean award(EarnedBadge badge);

  /** The participant's badges in the order they were filed; empty if it has none. */
  List<EarnedBadge> of(ParticipantId participant);
}
