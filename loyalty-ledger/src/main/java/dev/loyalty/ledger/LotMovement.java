package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * How a transaction changed one lot: a positive amount created the lot, a negative one took
 * that much from its remainder.
 *
 * @param account   the wallet that holds the lot; never null
 * @param lot       never null
 * @param amount    non-zero
 * @param expiresAt the lot's expiry; empty when it never expires; never null
 */
public record LotMovement(AccountId account, LotId lot, long amount, Optional<Instant> expiresAt) {
  public LotMovement {
    requireNonNull(account, "account");
    requireNonNull(lot, "lot");
    requireNonNull(expiresAt, "expiresAt");
    if (amount == 0) {
      throw new IllegalArgumentException("lot movement of " + lot + " has a zero amount");
    }
  }
}
