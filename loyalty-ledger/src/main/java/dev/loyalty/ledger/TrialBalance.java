package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Totals over every account. In a sound ledger the posted balances sum to zero and pending debits
 * equal pending credits.
 *
 * @param accounts       how many accounts
 * @param postedTotal    the sum of all posted balances
 * @param pendingDebits  the sum of all pending debits
 * @param pendingCredits the sum of all pending credits
 * @param postedByType   posted balances summed per account type; never null
 */
public record TrialBalance(int accounts, long postedTotal, long pendingDebits, long pendingCredits,
    Map<AccountType, Long> postedByType) {
  public TrialBalance {
    postedByType = Map.copyOf(requireNonNull(postedByType, "postedByType"));
  }

  /** Whether posted balances sum to zero and pending debits equal pending credits. */
  public boolean isBalanced() {
    return postedTotal == 0 && pendingDebits == pendingCredits;
  }
}
