package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import java.time.Instant;

/**
 * A change of one of a claim's participants' identifying details: a detail of a kind the
 * participant had already was registered, the latest such for its kind. A new phone, e-mail,
 * delivery address or bank account shortly before most of the points are redeemed is what a
 * takeover of a login looks like: whoever took it makes the codes, notices and rewards come to them.
 * Immutable.
 *
 * @param kind        what changed; never null
 * @param participant the partner or member whose detail it is; never null
 * @param changedAt   when the new detail was registered; never null
 * @param daysBefore  whole days from {@code changedAt} to the claim's submission; not negative
 */
public record IdentityChange(IdentityKind kind, ParticipantId participant, Instant changedAt, long daysBefore) {
  public IdentityChange {
    requireNonNull(kind, "kind");
    requireNonNull(participant, "participant");
    requireNonNull(changedAt, "changedAt");
    if (daysBefore < 0) {
      throw new IllegalArgumentException("a change of the " + kind.label() + " of " + participant
          + " cannot come after the claim, got " + daysBefore + " days before");
    }
  }

  /** "the email of partner dealer-a, 3 days before" */
  @Override
  public String toString() {
    return "the " + kind.label() + " of " + participant.kind() + " " + participant.value() + ", " + daysBefore
        + (daysBefore == 1 ? " day" : " days") + " before";
  }
}
