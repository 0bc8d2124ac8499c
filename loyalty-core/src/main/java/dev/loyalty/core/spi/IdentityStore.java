package dev.loyalty.core.spi;

import dev.loyalty.core.claims.IdentityHash;
import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.claims.IdentityRecord;
import dev.loyalty.core.model.ParticipantId;
import java.util.List;

/**
 * Where the identifying details a host chose to pass (tax ids, phones, bank accounts, e-mails,
 * delivery addresses) are kept, hashed, with the time each was first registered: so that the same
 * detail behind participants of different organisations can be found, and a participant's recent
 * change of a detail seen. It never holds a detail itself, only its salted hash. {@link #inMemory()}
 * keeps them for the life of the JVM.
 *
 * <p>Contract (the abstract {@code IdentityStoreContract} in core's test-jar checks it):
 * implementations are thread-safe; {@link #add} is atomic and idempotent per kind, hash and
 * participant (the first registration and its time are kept), also against writers in other
 * processes; records come back equal to those added, their times exactly. No method accepts or
 * returns null.
 */
public interface IdentityStore {

  /** A store that keeps the hashes in memory. */
  static IdentityStore inMemory() {
    return new InMemoryIdentityStore();
  }

  /**
   * Records that {@code record}'s participant has the detail, unless it was recorded before (of
   * any time: the record kept is the first, with its time).
   *
   * @return whether it was recorded now
   */
  boolean add(IdentityRecord record);

  /** Every participant with the detail of {@code kind} hashed to {@code hash}, in the order added. */
  List<IdentityRecord> holders(IdentityKind kind, IdentityHash hash);

  /** Every detail recorded for {@code participant}, in the order added. */
  List<IdentityRecord> of(ParticipantId participant);
}
