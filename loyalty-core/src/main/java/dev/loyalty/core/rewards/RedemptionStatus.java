package dev.loyalty.core.rewards;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a redemption is in its life. The lifecycle (docs/REWARDS.md draws it):
 *
 * <pre>
 * REQUESTED -> FULFILLED | ORDERED | REFUSED | EXPIRED
 * ORDERED   -> SHIPPED | DELIVERED (collected) | FULFILLED | CANCELLED | EXPIRED
 * SHIPPED   -> DELIVERED | DELIVERY_FAILED
 * DELIVERED -> RETURNED (once every unit came back)
 * </pre>
 *
 * <p>Every redemption ends in one final state ({@link #isFinal()}); the only move out of one is a
 * delivered redemption whose every unit is returned.
 */
public enum RedemptionStatus {
  /** Being placed: the stock and the points are being reserved. Not final; recovery finishes it. */
  REQUESTED,
  /** Reserved and waiting to be fulfilled (shipped, handed over, or fulfilled by the host): the points are held. */
  ORDERED,
  /** On its way: carrier and tracking reference known; the points are paid (the hold posted). */
  SHIPPED,
  /** Received (or collected); the points are paid. Final, unless units are returned. */
  DELIVERED,
  /** Fulfilled at once or by the host: a code, a payout, a seat; the points are paid. Final. */
  FULFILLED,
  /** Every unit came back after delivery; the points were refunded by reversals. Final. */
  RETURNED,
  /** The carrier could not deliver; the points were refunded and the stock released. Final. */
  DELIVERY_FAILED,
  /** Cancelled before it went out; the hold was released and the stock with it. Final. */
  CANCELLED,
  /** Not fulfilled within the program's hold timeout; the hold was released and the stock with it. Final. */
  EXPIRED,
  /** Refused while being placed (stock, points or codes were taken meanwhile); nothing is kept. Final. */
  REFUSED;

  private static final Set<RedemptionStatus> FINAL = EnumSet.of(DELIVERED, FULFILLED, RETURNED, DELIVERY_FAILED,
      CANCELLED, EXPIRED, REFUSED);

  /** Whether a redemption in this state is settled: nothing more happens to it (but a return after delivery). */
  public boolean isFinal() {
    return FINAL.contains(this);
  }

  /** Whether a redemption may move from this state to {@code next}. */
  public boolean canMoveTo(RedemptionStatus next) {
    return switch (this) {
      case REQUESTED -> next == FULFILLED || next == ORDERED || next == REFUSED || next == EXPIRED;
      case ORDERED -> next == SHIPPED || next == DELIVERED || next == FULFILLED || next == CANCELLED
          || next == EXPIRED;
      case SHIPPED -> next == DELIVERED || next == DELIVERY_FAILED;
      case DELIVERED -> next == RETURNED;
      case FULFILLED, RETURNED, DELIVERY_FAILED, CANCELLED, EXPIRED, REFUSED -> false;
    };
  }

  /**
   * Whether the units of a redemption in this state count against the catalog's per-participant
   * limits and the item's stock: they do unless the reward was never given or came back.
   */
  public boolean counts() {
    return this != REFUSED && this != CANCELLED && this != EXPIRED && this != DELIVERY_FAILED && this != RETURNED;
  }
}
