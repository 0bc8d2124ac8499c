package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Posts an open hold, fully or in part, and releases the rest. A hold is resolved at most once.
 *
 * @param key      never null
 * @param hold     never null
 * @param amount   what to post: positive and at most the held amount; empty posts all of it
 * @param reason   never null
 * @param metadata never null
 */
public record PostHoldRequest(
    IdempotencyKey key, HoldId hold, OptionalLong amount, String reason, Map<String, String> metadata)
    implements LedgerCommand {

  public PostHoldRequest {
    requireNonNull(key, "key");
    requireNonNull(hold, "hold");
    requireNonNull(amount, "amount");
    if (amount.isPresent()) {
      Checks.requirePositive(amount.getAsLong(), "posted amount of ", hold);
    }
    requireNonNull(reason, "reason");
    Checks.requireText(reason, "reason", 100);
    metadata = Checks.copyMetadata(metadata);
  }

  /** Posts the whole hold. */
  public static PostHoldRequest full(IdempotencyKey key, HoldId hold, String reason) {
    return new PostHoldRequest(key, hold, OptionalLong.empty(), reason, Map.of());
  }

  /** Posts {@code amount} of the hold and releases the rest. */
  public static PostHoldRequest partial(IdempotencyKey key, HoldId hold, long amount, String reason) {
    return new PostHoldRequest(key, hold, OptionalLong.of(amount), reason, Map.of());
  }
}
