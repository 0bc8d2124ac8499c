package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * An expiry run: moves the unheld remainder of every wallet lot that has expired at
 * {@code asOf} to {@code breakage}, in one transaction. A second run finds nothing left to move
 * and changes nothing.
 *
 * @param key      never null
 * @param breakage the account that receives expired points; never null
 * @param asOf     lots with an expiry at or before it are expired; not after the ledger's now
 * @param reason   never null
 * @param metadata never null
 */
public record ExpiryRequest(
    IdempotencyKey key, AccountId breakage, Instant asOf, String reason, Map<String, String> metadata)
    implements LedgerCommand {

  public ExpiryRequest {
    requireNonNull(key, "key");
    requireNonNull(breakage, "breakage");
    requireNonNull(asOf, "asOf");
    requireNonNull(reason, "reason");
    Checks.requireText(reason, "reason", 100);
    metadata = Checks.copyMetadata(metadata);
  }

  /** An expiry run with reason {@code "expiry"} and no metadata. */
  public static ExpiryRequest of(IdempotencyKey key, AccountId breakage, Instant asOf) {
    return new ExpiryRequest(key, breakage, asOf, "expiry", Map.of());
  }
}
