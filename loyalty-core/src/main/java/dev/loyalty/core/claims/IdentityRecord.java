package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;

/**
 * One identifying detail a participant has, hashed.
 *
 * @param kind        never null
 * @param hash        never null
 * @param participant the partner or member it belongs to; never null
 * @param partner     the participant's organisation (the partner itself, or the member's
 *                    employer): a detail shared within one organisation is not suspicious; never null
 */
public record IdentityRecord(IdentityKind kind, IdentityHash hash, ParticipantId participant, PartnerId partner) {
  public IdentityRecord {
    requireNonNull(kind, "kind");
    requireNonNull(hash, "hash");
    requireNonNull(participant, "participant");
    requireNonNull(partner, "partner");
  }
}
