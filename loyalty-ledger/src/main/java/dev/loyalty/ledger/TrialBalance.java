package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Map;

/**
 * Totals over every account. In a sound ledger the posted balances sum to zero and pending debits
 * equal pending credits. The totals are exact whatever the balances: each account's figures fit a
 * {@code long}, their sums need not (many accounts near the bound), so they are {@link BigInteger}s.
 *
 * @param accounts       how many accounts
 * @param postedTotal    the sum of all posted balances; never null
 * @param pendingDebits  the sum of all pending debits; never null
 * @param pendingCredits the sum of all pending credits; never null
 * @param postedByType   posted balances summed per account type; never null
 */
public record TrialBalance(int accounts, BigInteger postedTotal, BigInteger pendingDebits, BigInteger pendingCredits,
    Map<AccountType, BigInteger> postedByType) {
  public TrialBalance {
    requireNonNull(postedTotal, "postedTotal");
    requireNonNull(pendingDebits, "pendingDebits");
    requireNonNull(pendingCredits, "pendingCredits");
    postedByType = Map.copyOf(requireNonNull(postedByType, "postedByType"));
  }

  /** Whether posted balances sum to zero and pending debits equal pending credits. */
  public boolean isBalanced() {
    return postedTotal.signum() == 0 && pendingDebits.equals(pendingCredits);
  }
}
