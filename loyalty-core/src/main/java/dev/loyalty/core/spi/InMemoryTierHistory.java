package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.insights.TierMove;
import dev.loyalty.core.model.ParticipantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link TierHistory#inMemory()}: moves on the heap, under the instance's monitor. Thread-safe. */
final class InMemoryTierHistory implements TierHistory {

  private final Set<String> ids = new HashSet<>();
  private final Map<ParticipantId, List<TierMove>> byParticipant = new HashMap<>();
  private final List<TierMove> all = new ArrayList<>();

  @Override
  public synchronized boolean append(TierMove move) {
    requireNonNull(move, "move");
    if (!ids.add(move.id())) {
      return false;
    }
    byParticipant.computeIfAbsent(move.participant(), p -> new ArrayList<>()).add(move);
    all.add(move);
    return true;
  }

  @Override
  public synchronized List<TierMove> of(ParticipantId participant) {
    return List.copyOf(byParticipant.getOrDefault(requireNonNull(participant, "participant"), List.of()));
  }

  @Override
  public synchronized List<TierMove> moves() {
    return List.copyOf(all);
  }
}
