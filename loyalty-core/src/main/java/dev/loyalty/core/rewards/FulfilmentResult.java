package dev.loyalty.core.rewards;

import dev.loyalty.core.model.Names;

/** What the {@link FulfilmentPort} answered. */
public sealed interface FulfilmentResult {

  /** Fulfilled now, with {@code reference} (a gift card's code, a payout's id). */
  static FulfilmentResult done(String reference) {
    return new Done(reference);
  }

  /** To be fulfilled later by the host, which then calls {@code Rewards.fulfil}. */
  static FulfilmentResult pending() {
    return Pending.INSTANCE;
  }

  /** Refused, for {@code reason}. */
  static FulfilmentResult refused(String reason) {
    return new Refused(reason);
  }

  /**
   * Fulfilled: the points are paid.
   *
   * @param reference not blank, at most 200 characters; never null
   */
  record Done(String reference) implements FulfilmentResult {
    public Done {
      Names.requireText(reference, "reference", Names.MAX_TEXT);
    }
  }

  /** Accepted, to be fulfilled later: the points stay held until then or until the hold times out. */
  enum Pending implements FulfilmentResult {
    /** The only instance. */
    INSTANCE
  }

  /**
   * Refused: the hold is released and the redemption refused.
   *
   * @param reason not blank, at most 1,000 characters; never null
   */
  record Refused(String reason) implements FulfilmentResult {
    public Refused {
      Names.requireText(reason, "reason", 1_000);
    }
  }
}
