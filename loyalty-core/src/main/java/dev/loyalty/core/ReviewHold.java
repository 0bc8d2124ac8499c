package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.TransactionId;
import java.util.Optional;

/**
 * A ledger hold carrying awards of an activity in review: a pending credit of the participant's
 * wallet (visible in its balance, not spendable) and a pending debit of the account that pays (the
 * program's issuance account or a campaign's budget, whose points are reserved meanwhile). One
 * hold per paying account and wallet. Immutable.
 *
 * @param hold       never null
 * @param from       the paying account; never null
 * @param to         the wallet; never null
 * @param points     held, positive
 * @param state      never null
 * @param resolvedBy the transaction that posted or released the hold; present unless it is
 *                   {@link State#HELD}; never null
 */
public record ReviewHold(HoldId hold, AccountId from, AccountId to, long points, State state,
    Optional<TransactionId> resolvedBy) {
  public ReviewHold {
    requireNonNull(hold, "hold");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(state, "state");
    requireNonNull(resolvedBy, "resolvedBy");
    if (points <= 0) {
      throw new IllegalArgumentException("hold " + hold + " must carry a positive number of points, got " + points);
    }
    if (resolvedBy.isPresent() == (state == State.HELD)) {
      throw new IllegalArgumentException("hold " + hold + " is " + state + " with resolving transaction " + resolvedBy);
    }
  }

  /** A hold just opened. */
  public static ReviewHold held(HoldId hold, AccountId from, AccountId to, long points) {
    return new ReviewHold(hold, from, to, points, State.HELD, Optional.empty());
  }

  /** A copy moved to {@code newState} by {@code transaction}. */
  public ReviewHold resolved(State newState, TransactionId transaction) {
    return new ReviewHold(hold, from, to, points, newState, Optional.of(transaction));
  }

  /** Where a hold stands. */
  public enum State {
    /** Pending: the activity is in review. */
    HELD,
    /** Posted: the points moved to the wallet (on approval). */
    POSTED,
    /** Released: nothing moved (on rejection, or when the ledger refused the post). */
    RELEASED
  }
}
