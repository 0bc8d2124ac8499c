package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;

/**
 * Why a redemption that was being placed was refused: what another redemption took meanwhile, or
 * what the ledger or the host's fulfilment refused. Kept with the redemption, so that redeeming
 * again under the same id refuses again, the same way.
 *
 * @param code    never null
 * @param message names the ids and values involved; not blank, at most 2,000 characters; never null
 */
public record RedemptionRefusal(Code code, String message) {
  public RedemptionRefusal {
    requireNonNull(code, "code");
    Names.requireText(message, "message", StatusChange.MAX_NOTE);
  }

  /** The kinds of refusal found while placing a redemption. */
  public enum Code {
    /** The wallet no longer had the points ({@link InsufficientPointsException}). */
    INSUFFICIENT_POINTS,
    /** The item's stock ran out ({@link OutOfStockException}). */
    OUT_OF_STOCK,
    /** The item's code pool ran out ({@link NoCodeAvailableException}). */
    NO_CODE,
    /** The host's fulfilment refused it ({@link FulfilmentRefusedException}). */
    FULFILMENT_REFUSED,
    /** The ledger refused the hold for another reason, or its hold timed out before it was placed. */
    LEDGER_REFUSED
  }
}
