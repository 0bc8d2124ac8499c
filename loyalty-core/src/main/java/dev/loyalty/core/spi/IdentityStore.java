package dev.loyalty.core.spi;

import dev.loyalty.core.claims.IdentityHash;
import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.claims.IdentityRecord;
import dev.loyalty.core.model.ParticipantId;
import java.util.List;

/**
 * Where the identifying details a host chose to pass (tax ids, phones, bank accounts) are kept,
 * hashed, so that the same detail behind participants of different organisations can be found.
 * It never holds a detail itself, only its salted hash. {@link #inMemory()} keeps them for the life
 * of the JVM.
 *
 * <p>Contract (the abstract {@code IdentityStoreContract} in core's test-jar checks it):
 * implementations are thread-safe; {@link #add} is atomic and idempotent per kind, hash and
 * participant, also against writers in other processes. No method accepts or returns null.
 */
public interface IdentityStore {

  /** A store that keeps the hashes in memory. */
  static IdentityStore inMemory() {
    return new InMemoryIdentityStore();
  }

  /**
   * Records that {@code record}'s participant has the detail, unless it was recorded before.
   *
   * @return whether it was recorded now
   */
  boolean add(IdentityRecord record);

  /** Every participant with the detail of {@code kind} hashed to {@code hash}, in the order added. */
  List<IdentityRecord> holders(IdentityKind kind, IdentityHash hash);

  /** Every detail recorded for {@code participant}, in the order added. */
  List<IdentityRecord> of(ParticipantId participant);
}
