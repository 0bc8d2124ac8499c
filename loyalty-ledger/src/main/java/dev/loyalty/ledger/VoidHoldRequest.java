package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Releases an open hold without posting anything: the source's available balance is exactly what
 * it was before the hold.
 *
 * @param key      never null
 * @param hold     never null
 * @param reason   never null
 * @param metadata never null
 */
public record VoidHoldRequest(IdempotencyKey key, HoldId hold, String reason, Map<String, String> metadata)
    implements LedgerCommand {

  public VoidHoldRequest {
    requireNonNull(key, "key");
    requireNonNull(hold, "hold");
    requireNonNull(reason, "reason");
    Checks.requireText(reason, "reason", 100);
    metadata = Checks.copyMetadata(metadata);
  }

  /** A void without metadata. */
  public static VoidHoldRequest of(IdempotencyKey key, HoldId hold, String reason) {
    return new VoidHoldRequest(key, hold, reason, Map.of());
  }
}
