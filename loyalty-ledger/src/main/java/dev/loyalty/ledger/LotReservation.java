package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

/**
 * Points of one lot that a hold reserves.
 *
 * @param lot    never null
 * @param amount positive
 */
public record LotReservation(LotId lot, long amount) {
  public LotReservation {
    requireNonNull(lot, "lot");
    Checks.requirePositive(amount, "reserved amount of ", lot);
  }
}
