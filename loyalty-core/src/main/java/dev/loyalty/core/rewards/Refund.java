package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.TransactionId;

/**
 * Points a redemption gave back after it was paid: a reversal of its payment, so the points come
 * back to the wallet with the expiry dates of the lots the payment took.
 *
 * @param kind        never null
 * @param reference   the host's reference of the return (its RMA number), which makes a return
 *                    idempotent; for a failed delivery, {@code "delivery-failed"}; 1 to 100
 *                    characters, not padded; never null
 * @param units       the units it refunds; positive
 * @param points      the points it gave back; positive
 * @param transaction the ledger's reversal; never null
 */
public record Refund(Kind kind, String reference, int units, long points, TransactionId transaction) {
  public Refund {
    requireNonNull(kind, "kind");
    RewardNames.requireId(reference, "refund reference");
    requireNonNull(transaction, "transaction");
    if (units < 1 || points < 1) {
      throw new IllegalArgumentException("refund " + reference + " must give back positive units and points, got "
          + units + " and " + points);
    }
  }

  /** Why points were given back. */
  public enum Kind {
    /** The carrier could not deliver: all of it. */
    FAILED_DELIVERY,
    /** Units came back after delivery. */
    RETURN
  }
}
