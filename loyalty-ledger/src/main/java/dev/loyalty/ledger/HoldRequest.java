package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a hold: reserves {@code amount} of {@code from} (a pending debit; for a wallet, specific
 * lots, soonest-expiring first) and shows it as a pending credit of {@code to}. Nothing is
 * posted until {@link PostHoldRequest}; {@link VoidHoldRequest} releases it.
 *
 * @param key       never null
 * @param from      never null
 * @param to        never null, not {@code from}
 * @param amount    positive
 * @param toExpiry  the expiry of the lot a post creates when {@code to} is a wallet; never null
 * @param timeoutAt when present, the hold can no longer be posted from this instant on and a
 *                  timeout sweep voids it; must be after the ledger's "now"
 * @param reason    never null
 * @param metadata  never null
 */
public record HoldRequest(
    IdempotencyKey key,
    AccountId from,
    AccountId to,
    long amount,
    Expiry toExpiry,
    Optional<Instant> timeoutAt,
    String reason,
    Map<String, String> metadata) implements LedgerCommand {

  public HoldRequest {
    requireNonNull(key, "key");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    Checks.requirePositive(amount, "hold amount");
    requireNonNull(toExpiry, "toExpiry");
    requireNonNull(timeoutAt, "timeoutAt");
    requireNonNull(reason, "reason");
    Checks.requireText(reason, "reason", 100);
    metadata = Checks.copyMetadata(metadata);
    if (from.equals(to)) {
      throw new IllegalArgumentException("hold " + key + " moves from " + from + " to itself");
    }
  }

  /** A hold without timeout or metadata; a post creates a lot that never expires. */
  public static HoldRequest of(IdempotencyKey key, AccountId from, AccountId to, long amount, String reason) {
    return new HoldRequest(key, from, to, amount, Expiry.never(), Optional.empty(), reason, Map.of());
  }

  /** A copy that times out at {@code instant}. */
  public HoldRequest timeoutAt(Instant instant) {
    return new HoldRequest(key, from, to, amount, toExpiry, Optional.of(instant), reason, metadata);
  }

  /** A copy whose post creates a lot with {@code expiry} in {@code to}. */
  public HoldRequest withToExpiry(Expiry expiry) {
    return new HoldRequest(key, from, to, amount, expiry, timeoutAt, reason, metadata);
  }

  /** A copy with the given metadata. */
  public HoldRequest withMetadata(Map<String, String> newMetadata) {
    return new HoldRequest(key, from, to, amount, toExpiry, timeoutAt, reason, newMetadata);
  }
}
