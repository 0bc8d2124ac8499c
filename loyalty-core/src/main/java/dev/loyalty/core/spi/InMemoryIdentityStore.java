package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.claims.IdentityHash;
import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.claims.IdentityRecord;
import dev.loyalty.core.model.ParticipantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link IdentityStore#inMemory()}: the records by hash and by participant, under the instance's monitor. */
final class InMemoryIdentityStore implements IdentityStore {

  private record Key(IdentityKind kind, IdentityHash hash) {
  }

  private final Map<Key, List<IdentityRecord>> byHash = new HashMap<>();
  private final Map<ParticipantId, List<IdentityRecord>> byParticipant = new HashMap<>();

  @Override
  public synchronized boolean add(IdentityRecord record) {
    requireNonNull(record, "record");
    List<IdentityRecord> holders = byHash.computeIfAbsent(new Key(record.kind(), record.hash()), k -> new ArrayList<>());
    if (holders.stream().anyMatch(r -> r.participant().equals(record.participant()))) {
      return false;
    }
    holders.add(record);
    byParticipant.computeIfAbsent(record.participant(), p -> new ArrayList<>()).add(record);
    return true;
  }

  @Override
  public synchronized List<IdentityRecord> holders(IdentityKind kind, IdentityHash hash) {
    requireNonNull(kind, "kind");
    requireNonNull(hash, "hash");
    return List.copyOf(byHash.getOrDefault(new Key(kind, hash), List.of()));
  }

  @Override
  public synchronized List<IdentityRecord> of(ParticipantId participant) {
    requireNonNull(participant, "participant");
    return List.copyOf(byParticipant.getOrDefault(participant, List.of()));
  }
}
