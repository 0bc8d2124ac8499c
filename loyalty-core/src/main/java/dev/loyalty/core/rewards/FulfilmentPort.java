package dev.loyalty.core.rewards;

/**
 * The host's side of fulfilling a reward that is neither shipped goods nor a code from a pool: a
 * gift card from a provider's API, a cashback payout, a seat booked, a donation made. The engine
 * calls it once the points are held, and posts the hold when it answers {@link
 * FulfilmentResult.Done}; {@link FulfilmentResult.Pending} leaves the redemption {@code ORDERED}
 * until the host calls {@code Rewards.fulfil}; {@link FulfilmentResult.Refused} releases the hold
 * and the stock, and the redemption is refused.
 *
 * <p>Contract: it may be called again for the same redemption (after a crash, or when the
 * redemption is redeemed again while its placement is unfinished) and must then answer as the first
 * time (the same code: a provider's own idempotency key can be {@code order.redemption()}). An
 * exception means "not now": nothing is decided, the points stay held, and the engine calls it
 * again when the redemption is redeemed again or recovered. Thread-safe; never returns null.
 */
@FunctionalInterface
public interface FulfilmentPort {

  /** A port that fulfils nothing at once: every such redemption waits, {@code ORDERED}, for {@code Rewards.fulfil}. */
  static FulfilmentPort manual() {
    return order -> FulfilmentResult.pending();
  }

  /** Fulfils {@code order}, or says it will be later, or refuses it. */
  FulfilmentResult fulfil(FulfilmentOrder order);
}
