package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import java.time.Instant;

/**
 * One identifying detail a participant has, hashed, and when it was first registered.
 *
 * @param kind         never null
 * @param hash         never null
 * @param participant  the partner or member it belongs to; never null
 * @param partner      the participant's organisation (the partner itself, or the member's
 *                     employer): a detail shared within one organisation is not suspicious; never null
 * @param registeredAt when the engine first registered it for the participant (by the engine's
 *                     clock; the epoch for details registered before the engine kept the time): a
 *                     detail of a kind the participant had already is a change, and a recent change
 *                     of a detail that redirects rewards is evidence of a takeover; never null
 */
public record IdentityRecord(IdentityKind kind, IdentityHash hash, ParticipantId participant, PartnerId partner,
    Instant registeredAt) {
  public IdentityRecord {
    requireNonNull(kind, "kind");
    requireNonNull(hash, "hash");
    requireNonNull(participant, "participant");
    requireNonNull(partner, "partner");
    requireNonNull(registeredAt, "registeredAt");
  }
}
