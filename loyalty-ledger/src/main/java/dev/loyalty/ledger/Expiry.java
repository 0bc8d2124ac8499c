package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * When the lot created by a credit to a wallet expires. The ledger has no expiry policy of its
 * own: the caller decides for every credit. Ignored (and must be {@link #never()}) for credits to
 * accounts that keep no lots.
 */
public sealed interface Expiry {

  /** The lot expires at {@code instant}; from then on an expiry run moves its unheld rest to breakage. */
  static Expiry at(Instant instant) {
    return new At(instant);
  }

  /** The lot never expires. */
  static Expiry never() {
    return Never.INSTANCE;
  }

  /**
   * The credit carries the dates of the lots that the same command takes from wallets (a
   * transfer from an organisation's wallet to its rep's keeps the points' expiry dates).
   */
  static Expiry carried() {
    return Carried.INSTANCE;
  }

  /** Expires at a fixed instant. @param instant never null */
  record At(Instant instant) implements Expiry {
    public At {
      requireNonNull(instant, "instant");
    }
  }

  /** Never expires. */
  enum Never implements Expiry {
    INSTANCE
  }

  /** Takes the expiry dates of the lots the same command spends. */
  enum Carried implements Expiry {
    INSTANCE
  }
}
