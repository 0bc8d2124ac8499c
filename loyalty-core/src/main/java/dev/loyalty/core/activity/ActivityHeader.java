package dev.loyalty.core.activity;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import java.time.Instant;
import java.util.Optional;

/**
 * What every activity has: who did it and when.
 *
 * @param id         the source system's unique id; a second activity with the same id is a replay
 *                   (same content) or refused (different content); never null
 * @param partner    the organisation it belongs to; never null
 * @param member     the individual who did it (the rep on the invoice), if any; never null
 * @param occurredAt when it happened, which decides the rules, campaigns and windows it falls in;
 *                   never null
 */
public record ActivityHeader(ActivityId id, PartnerId partner, Optional<MemberId> member, Instant occurredAt) {
  public ActivityHeader {
    requireNonNull(id, "id");
    requireNonNull(partner, "partner");
    requireNonNull(member, "member");
    requireNonNull(occurredAt, "occurredAt");
  }

  /** A header without a member. */
  public static ActivityHeader of(String id, String partner, Instant occurredAt) {
    return new ActivityHeader(ActivityId.of(id), PartnerId.of(partner), Optional.empty(), occurredAt);
  }

  /** A header with a member. */
  public static ActivityHeader of(String id, String partner, String member, Instant occurredAt) {
    return new ActivityHeader(ActivityId.of(id), PartnerId.of(partner), Optional.of(MemberId.of(member)),
        occurredAt);
  }
}
