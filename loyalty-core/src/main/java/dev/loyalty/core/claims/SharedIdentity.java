package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;

/**
 * An identifying detail of the claim's partner or member that a participant of another
 * organisation has too.
 *
 * @param kind          never null
 * @param participant   the claim's partner or member that has it; never null
 * @param holder        the other participant that has it; never null
 * @param holderPartner the other participant's organisation; never null
 */
public record SharedIdentity(IdentityKind kind, ParticipantId participant, ParticipantId holder,
    PartnerId holderPartner) {
  public SharedIdentity {
    requireNonNull(kind, "kind");
    requireNonNull(participant, "participant");
    requireNonNull(holder, "holder");
    requireNonNull(holderPartner, "holderPartner");
  }

  /** "the bank-account of partner dealer-a is also partner dealer-z's" */
  @Override
  public String toString() {
    String holderText = holder.equals(holderPartner) ? "partner " + holder
        : holder.kind() + " " + holder.value() + " (of partner " + holderPartner + ")";
    return "the " + kind.label() + " of " + participant.kind() + " " + participant.value() + " is also "
        + holderText + "'s";
  }
}
