package dev.loyalty.ledger.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Balance;
import java.time.Instant;
import java.util.Optional;

/**
 * What a store keeps per account. For a wallet, {@code posted == sum(lot remainders) - debt}
 * and {@code pendingDebits == sum(lot held amounts)}.
 *
 * <p>{@code inflow} and {@code outflow} are the account's lifetime totals: every point ever held
 * towards it or posted to it other than by posting a hold, and every point ever held from it or
 * posted from it other than by posting a hold (a hold's amount counts once, when it is placed).
 * The ledger keeps each within a {@code long} (a write that would pass {@link Long#MAX_VALUE} is
 * refused), so that no balance of the account, now or as of any time, and no sum of its postings
 * can overflow: each lies between {@code -outflow} and {@code inflow}.
 *
 * @param account        never null
 * @param posted         the posted balance
 * @param pendingDebits  reserved by open holds; not negative
 * @param pendingCredits due from open holds; not negative
 * @param debt           what a reversal with {@link dev.loyalty.ledger.ShortfallPolicy#allowNegative()}
 *                       left unpaid; later credits repay it first; not negative
 * @param inflow         lifetime holds towards the account plus its other lifetime credits; not negative
 * @param outflow        lifetime holds from the account plus its other lifetime debits; not negative
 * @param lastCreditAt   the latest effective time of a transaction that credited the account (raised
 *                       its posted balance); empty if none did; never null
 */
public record AccountState(Account account, long posted, long pendingDebits, long pendingCredits, long debt,
    long inflow, long outflow, Optional<Instant> lastCreditAt) {
  public AccountState {
    requireNonNull(account, "account");
    requireNonNull(lastCreditAt, "lastCreditAt");
    if (pendingDebits < 0 || pendingCredits < 0 || debt < 0 || inflow < 0 || outflow < 0) {
      throw new IllegalArgumentException("account " + account.id() + " has a negative pending amount, debt or "
          + "lifetime total: " + pendingDebits + "/" + pendingCredits + "/" + debt + "/" + inflow + "/" + outflow);
    }
  }

  /** A just-opened account. */
  public static AccountState opened(Account account) {
    return new AccountState(account, 0, 0, 0, 0, 0, 0, Optional.empty());
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
