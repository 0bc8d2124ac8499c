package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

/**
 * One line of a {@link TransferRequest}: a signed amount for one account. A positive amount
 * (a credit) raises the account's balance, a negative one (a debit) lowers it; the entries of a
 * transfer sum to zero.
 *
 * @param account never null
 * @param amount  non-zero
 * @param expiry  for a credit to a wallet, the expiry of the lot it creates; must be
 *                {@link Expiry#never()} for debits; never null
 */
public record Entry(AccountId account, long amount, Expiry expiry) {
  public Entry {
    requireNonNull(account, "account");
    requireNonNull(expiry, "expiry");
    if (amount == 0) {
      throw new IllegalArgumentException("entry for " + account + " has a zero amount");
    }
    if (amount == Long.MIN_VALUE) {
      throw new IllegalArgumentException("entry for " + account + " has an amount that cannot be negated");
    }
    if (amount < 0 && expiry != Expiry.never()) {
      throw new IllegalArgumentException("debit of " + account + " cannot carry an expiry");
    }
  }

  /** Takes {@code points} (positive) from {@code account}. */
  public static Entry debit(AccountId account, long points) {
    Checks.requirePositive(points, "debit of ", account);
    return new Entry(account, -points, Expiry.never());
  }

  /** Gives {@code points} (positive) to {@code account}; a lot created by it never expires. */
  public static Entry credit(AccountId account, long points) {
    return credit(account, points, Expiry.never());
  }

  /** Gives {@code points} (positive) to {@code account} with the given lot expiry. */
  public static Entry credit(AccountId account, long points, Expiry expiry) {
    Checks.requirePositive(points, "credit of ", account);
    return new Entry(account, points, expiry);
  }

  /** Whether this entry raises the account's balance. */
  public boolean isCredit() {
    return amount > 0;
  }
}
