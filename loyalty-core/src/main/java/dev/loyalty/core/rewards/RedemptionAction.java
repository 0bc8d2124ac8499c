package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;
import java.time.Instant;

/**
 * A change of a redemption filed before any of its steps is written: while one is pending, the
 * redemption is in the middle of it, and redeeming again, the next change or {@code recover()}
 * finishes it first. Each step it takes is idempotent (ledger commands under keys derived from the
 * redemption, stock and codes reserved by redemption, events de-duplicated by id), so a change
 * interrupted anywhere is finished exactly once. A {@code RedemptionStore} keeps it with the
 * redemption. Every action records when it was asked for, so that finishing it later writes the same.
 */
public sealed interface RedemptionAction {

  /** When it was asked for, by the engine's clock; never null. */
  Instant at();

  /** Place the redemption: reserve stock (and codes), hold the points, fulfil what can be fulfilled at once. */
  record Place(Instant at) implements RedemptionAction {
    public Place {
      requireNonNull(at, "at");
    }
  }

  /**
   * Undo a placement refused on the way: release what it reserved; the redemption ends {@link
   * RedemptionStatus#REFUSED}.
   *
   * @param refusal never null
   */
  record Abort(Instant at, RedemptionRefusal refusal) implements RedemptionAction {
    public Abort {
      requireNonNull(at, "at");
      requireNonNull(refusal, "refusal");
    }
  }

  /**
   * Mark an ordered reward fulfilled by the host (a payout made, a seat booked): the points are paid.
   *
   * @param reference the host's reference; not blank, at most 200 characters; never null
   */
  record Fulfil(Instant at, String reference) implements RedemptionAction {
    public Fulfil {
      requireNonNull(at, "at");
      Names.requireText(reference, "reference", Names.MAX_TEXT);
    }
  }

  /**
   * Ship an ordered reward: the points are paid.
   *
   * @param shipment never null
   */
  record Ship(Instant at, Shipment shipment) implements RedemptionAction {
    public Ship {
      requireNonNull(at, "at");
      requireNonNull(shipment, "shipment");
    }
  }

  /** The reward arrived (or, when it is collected, was handed over: then the points are paid now). */
  record Deliver(Instant at) implements RedemptionAction {
    public Deliver {
      requireNonNull(at, "at");
    }
  }

  /**
   * Cancel an ordered reward: the hold is released, and the stock with it.
   *
   * @param reason not blank, at most 2,000 characters; never null
   */
  record Cancel(Instant at, String reason) implements RedemptionAction {
    public Cancel {
      requireNonNull(at, "at");
      Names.requireText(reason, "reason", StatusChange.MAX_NOTE);
    }
  }

  /**
   * The carrier could not deliver: the points paid at shipping are refunded and the stock released.
   *
   * @param reason not blank, at most 2,000 characters; never null
   */
  record FailDelivery(Instant at, String reason) implements RedemptionAction {
    public FailDelivery {
      requireNonNull(at, "at");
      Names.requireText(reason, "reason", StatusChange.MAX_NOTE);
    }
  }

  /**
   * Units came back after delivery: their points are refunded by a reversal of the payment.
   *
   * @param reference the host's reference of the return; 1 to 100 characters, not padded; never null
   * @param units     positive
   * @param reason    not blank, at most 2,000 characters; never null
   * @param number    this return's number for the redemption, from 1, which keys its reversal
   */
  record Return(Instant at, String reference, int units, String reason, int number) implements RedemptionAction {
    public Return {
      requireNonNull(at, "at");
      RewardNames.requireId(reference, "return reference");
      if (units < 1 || number < 1) {
        throw new IllegalArgumentException("a return needs positive units and number, got " + units + " and " + number);
      }
      Names.requireText(reason, "reason", StatusChange.MAX_NOTE);
    }
  }

  /** The hold timed out before the reward went out: it is released, and the stock with it. */
  record Expire(Instant at) implements RedemptionAction {
    public Expire {
      requireNonNull(at, "at");
    }
  }
}
