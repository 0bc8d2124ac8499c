package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A two-phase movement of {@code amount} from {@code from} to {@code to}. Immutable: resolving
 * a hold writes a new version.
 *
 * @param id           never null
 * @param from         the account whose points are reserved (pending debit); never null
 * @param to           the account that sees a pending credit; never null
 * @param amount       what is held; positive
 * @param toExpiry     the expiry of the lot a post creates when {@code to} is a wallet; never null
 * @param timeoutAt    after this instant the hold can no longer be posted; never null
 * @param reservations the lots of {@code from} it reserves (empty unless {@code from} is a
 *                     wallet), in spend order; never null
 * @param status       never null
 * @param postedAmount what a post moved; 0 unless {@link HoldStatus#POSTED}
 * @param resolvedBy   the transaction that posted or voided it; never null
 * @param createdAt    effective time of the opening transaction; never null
 */
public record Hold(
    HoldId id,
    AccountId from,
    AccountId to,
    long amount,
    Expiry toExpiry,
    Optional<Instant> timeoutAt,
    List<LotReservation> reservations,
    HoldStatus status,
    long postedAmount,
    Optional<TransactionId> resolvedBy,
    Instant createdAt) {

  public Hold {
    requireNonNull(id, "id");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    Checks.requirePositive(amount, "hold amount");
    requireNonNull(toExpiry, "toExpiry");
    requireNonNull(timeoutAt, "timeoutAt");
    reservations = List.copyOf(requireNonNull(reservations, "reservations"));
    requireNonNull(status, "status");
    requireNonNull(resolvedBy, "resolvedBy");
    requireNonNull(createdAt, "createdAt");
    if (postedAmount < 0 || postedAmount > amount || (status != HoldStatus.POSTED && postedAmount != 0)) {
      throw new IllegalArgumentException("hold " + id + " has posted amount " + postedAmount
          + " with status " + status + " and amount " + amount);
    }
    if ((status == HoldStatus.OPEN) != resolvedBy.isEmpty()) {
      throw new IllegalArgumentException("hold " + id + " is " + status + " but resolvedBy is " + resolvedBy);
    }
  }

  /** Whether the hold has timed out at {@code instant} (the timeout is inclusive). */
  public boolean isTimedOutAt(Instant instant) {
    return timeoutAt.isPresent() && !timeoutAt.get().isAfter(instant);
  }

  /** A copy resolved by {@code transaction}. */
  public Hold resolved(HoldStatus newStatus, long posted, TransactionId transaction) {
    return new Hold(id, from, to, amount, toExpiry, timeoutAt, reservations, newStatus, posted,
        Optional.of(transaction), createdAt);
  }
}
