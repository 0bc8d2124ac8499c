package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Takes back everything a {@link TransactionType#TRANSFER} or {@link TransactionType#HOLD_POST}
 * did, once. Points taken from a wallet come first from the lots the original created there,
 * then from the wallet's other lots (soonest expiry first); a shortfall follows {@code policy}.
 * Points given back to a wallet get the expiry dates of the lots the original took.
 *
 * @param key         never null
 * @param original    never null
 * @param policy      never null
 * @param reason      never null
 * @param metadata    never null
 * @param effectiveAt empty means now; never in the future
 */
public record ReversalRequest(
    IdempotencyKey key,
    TransactionId original,
    ShortfallPolicy policy,
    String reason,
    Map<String, String> metadata,
    Optional<Instant> effectiveAt) implements LedgerCommand {

  public ReversalRequest {
    requireNonNull(key, "key");
    requireNonNull(original, "original");
    requireNonNull(policy, "policy");
    requireNonNull(reason, "reason");
    Checks.requireText(reason, "reason", 100);
    metadata = Checks.copyMetadata(metadata);
    requireNonNull(effectiveAt, "effectiveAt");
  }

  /** Reverses {@code original} now, refusing any shortfall. */
  public static ReversalRequest of(IdempotencyKey key, TransactionId original, String reason) {
    return new ReversalRequest(key, original, ShortfallPolicy.refuse(), reason, Map.of(), Optional.empty());
  }

  /** A copy with another shortfall policy. */
  public ReversalRequest withPolicy(ShortfallPolicy newPolicy) {
    return new ReversalRequest(key, original, newPolicy, reason, metadata, effectiveAt);
  }

  /** A copy with the given metadata. */
  public ReversalRequest withMetadata(Map<String, String> newMetadata) {
    return new ReversalRequest(key, original, policy, reason, newMetadata, effectiveAt);
  }
}
