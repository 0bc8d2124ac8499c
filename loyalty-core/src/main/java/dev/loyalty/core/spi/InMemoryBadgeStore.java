package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.insights.EarnedBadge;
import dev.loyalty.core.model.ParticipantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link BadgeStore#inMemory()}: badges on the heap, under the instance's monitor. Thread-safe. */
final class InMemoryBadgeStore implements BadgeStore {

  private final Set<String> ids = new HashSet<>();
  private final Map<ParticipantId, List<EarnedBadge>> byParticipant = new HashMap<>();

  @Override
  public synchronized boolean award(EarnedBadge badge) {
    requireNonNull(badge, "badge");
    if (!ids.add(badge.id())) {
      return false;
    }
    byParticipant.computeIfAbsent(badge.participant(), p -> new ArrayList<>()).add(badge);
    return true;
  }

  @Override
  public synchronized List<EarnedBadge> of(ParticipantId participant) {
    return List.copyOf(byParticipant.getOrDefault(requireNonNull(participant, "participant"), List.of()));
  }
}
