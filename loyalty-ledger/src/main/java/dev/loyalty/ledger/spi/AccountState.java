package dev.loyalty.ledger.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Balance;

/**
 * What a store keeps per account. For a wallet, {@code posted == sum(lot remainders) - debt}
 * and {@code pendingDebits == sum(lot held amounts)}.
 *
 * @param account        never null
 * @param posted         the posted balance
 * @param pendingDebits  reserved by open holds; not negative
 * @param pendingCredits due from open holds; not negative
 * @param debt           what a reversal with {@link dev.loyalty.ledger.ShortfallPolicy#allowNegative()}
 *                       left unpaid; later credits repay it first; not negative
 */
public record AccountState(Account account, long posted, long pendingDebits, long pendingCredits, long debt) {
  public AccountState {
    requireNonNull(account, "account");
    if (pendingDebits < 0 || pendingCredits < 0 || debt < 0) {
      throw new IllegalArgumentException("account " + account.id() + " has a negative pending amount or debt: "
          + pendingDebits + "/" + pendingCredits + "/" + debt);
    }
  }

  /** A just-opened account. */
  public static AccountState opened(Account account) {
    return new AccountState(account, 0, 0, 0, 0);
  }

  /** The account's id. */
  public AccountId id() {
    return account.id();
  }

  /** The balance this state stands for. */
  public Balance balance() {
    return new Balance(account.id(), posted, pendingDebits, pendingCredits);
  }
}
