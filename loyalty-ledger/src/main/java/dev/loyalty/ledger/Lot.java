package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * A parcel of points in a wallet that shares one expiry. Immutable: the ledger writes a new
 * version of a lot whenever points are taken from it or reserved in it.
 *
 * @param id        never null
 * @param account   the wallet; never null
 * @param original  what the lot was created with; positive
 * @param remaining what is left; {@code 0 <= remaining <= original}
 * @param held      how much of {@code remaining} is reserved by open holds; {@code 0 <= held <= remaining}
 * @param expiresAt empty when the lot never expires; never null
 * @param createdAt the effective time of the creating transaction; never null
 */
public record Lot(
    LotId id,
    AccountId account,
    long original,
    long remaining,
    long held,
    Optional<Instant> expiresAt,
    Instant createdAt) {

  /**
   * The order in which lots are spent: soonest expiry first, lots that never expire last, then
   * the oldest (by lot id).
   */
  public static final Comparator<Lot> SPEND_ORDER = (a, b) -> {
    // hand-written rather than Comparator.comparing(...): it runs on every lot write
    int c = a.expiresAt.orElse(Instant.MAX).compareTo(b.expiresAt.orElse(Instant.MAX));
    return c != 0 ? c : a.id.compareTo(b.id);
  };

  public Lot {
    requireNonNull(id, "id");
    requireNonNull(account, "account");
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(createdAt, "createdAt");
    if (original <= 0 || remaining < 0 || remaining > original || held < 0 || held > remaining) {
      throw new IllegalArgumentException("lot " + id + " out of bounds: original=" + original
          + " remaining=" + remaining + " held=" + held);
    }
  }

  /** The part of the remainder that no hold reserves: what can be spent or expired now. */
  public long unheld() {
    return remaining - held;
  }

  /** Whether the lot has expired at {@code instant} (expiry is inclusive). */
  public boolean isExpiredAt(Instant instant) {
    return expiresAt.isPresent() && !expiresAt.get().isAfter(instant);
  }

  /** A copy with other remaining and held amounts. */
  public Lot with(long newRemaining, long newHeld) {
    return new Lot(id, account, original, newRemaining, newHeld, expiresAt, createdAt);
  }
}
