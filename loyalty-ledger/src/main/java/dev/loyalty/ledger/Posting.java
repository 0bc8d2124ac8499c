package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

/**
 * A written movement of one account in a {@link Transaction}: positive raises the balance
 * (credit), negative lowers it (debit).
 *
 * @param account never null
 * @param amount  non-zero
 */
public record Posting(AccountId account, long amount) {
  public Posting {
    requireNonNull(account, "account");
    if (amount == 0) {
      throw new IllegalArgumentException("posting for " + account + " has a zero amount");
    }
  }
}
