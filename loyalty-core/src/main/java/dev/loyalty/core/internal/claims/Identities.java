package dev.loyalty.core.internal.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.claims.IdentityHash;
import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.claims.IdentityRecord;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.IdentityStore;
import java.time.Clock;
import java.util.Optional;

/**
 * Registers the identifying details a host passes for its participants, hashed: with the host's
 * salt when it passes the detail itself, as given when it passes a hash; each at the clock's now,
 * which tells a recent change from an old detail. Without a salt, only hashes are accepted, so that
 * the library never keeps a detail it could not hash. Thread-safe.
 */
public final class Identities {
  private final IdentityStore store;
  private final PartnerDirectory directory;
  private final Optional<byte[]> salt;
  private final Clock clock;

  /** Registers in {@code store} at {@code clock}'s now, hashing with {@code salt} if given. */
  public Identities(IdentityStore store, PartnerDirectory directory, Optional<byte[]> salt, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.directory = requireNonNull(directory, "directory");
    this.salt = requireNonNull(salt, "salt").map(byte[]::clone);
    this.clock = requireNonNull(clock, "clock");
  }

  /** Hashes {@code value} with the salt and registers it; see {@code LoyaltyEngine.registerIdentity}. */
  public IdentityHash register(ParticipantId participant, IdentityKind kind, String value) {
    requireNonNull(kind, "kind");
    requireNonNull(value, "value");
    byte[] key = salt.orElseThrow(() -> new IllegalStateException("the engine has no identity salt, so it cannot "
        + "hash a " + kind.label() + "; set LoyaltyEngine.Builder.identitySalt, or pass a hash you computed"));
    IdentityHash hash = IdentityHash.of(key, kind, value);
    register(participant, kind, hash);
    return hash;
  }

  /** Registers a hash the host computed; see {@code LoyaltyEngine.registerIdentity}. */
  public boolean register(ParticipantId participant, IdentityKind kind, IdentityHash hash) {
    requireNonNull(participant, "participant");
    requireNonNull(kind, "kind");
    requireNonNull(hash, "hash");
    return store.add(new IdentityRecord(kind, hash, participant, partnerOf(participant), clock.instant()));
  }

  private PartnerId partnerOf(ParticipantId participant) {
    if (participant instanceof MemberId m) {
      return directory.member(m).orElseThrow(() -> new UnknownMemberException("member " + m
          + " is not enrolled; enrol it before registering its identity")).partner();
    }
    PartnerId p = (PartnerId) participant;
    directory.partner(p).orElseThrow(() -> new UnknownPartnerException("partner " + p
        + " is not enrolled; enrol it before registering its identity"));
    return p;
  }
}
