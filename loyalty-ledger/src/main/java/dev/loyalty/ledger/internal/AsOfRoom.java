package dev.loyalty.ledger.internal;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.spi.AccountState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a debit effective at some time may take from a wallet or budget so that its balance as of no
 * time from then on is negative: the rule every command is held to ({@code WorkingSet}) and what
 * {@code Ledger.availableFrom} tells a caller planning a backdated debit. Stateless.
 */
public final class AsOfRoom {

  private AsOfRoom() {
  }

  /**
   * Whether a debit of {@code state}'s account effective at {@code effectiveAt} may find less as of
   * some later time than the account holds now: only a wallet or a budget that something credited
   * after that time. Otherwise its available balance is the whole answer.
   */
  public static boolean mayBeShort(AccountState state, Instant effectiveAt) {
    return state.account().type().isBoundedBelowByZero()
        && state.lastCreditAt().filter(effectiveAt::isBefore).isPresent();
  }

  /**
   * The least of {@code posted - (what is posted after s)} over every {@code s} from a debit's
   * effective time on: the balance as of {@code s}, since {@code later} holds every transaction
   * on the account effective after that time.
   */
  public static long leastBalanceFrom(long posted, AccountId account, List<Transaction> later) {
    List<Transaction> byTime = new ArrayList<>(later);
    byTime.sort((a, b) -> b.effectiveAt().compareTo(a.effectiveAt()));
    long least = posted;
    long after = 0; // posted to the account by transactions effective after the current time
    int i = 0;
    while (i < byTime.size()) {
      Instant at = byTime.get(i).effectiveAt();
      // as of just before "at": everything from "at" on is after it
      while (i < byTime.size() && byTime.get(i).effectiveAt().equals(at)) {
        after = Math.addExact(after, byTime.get(i).amountFor(account));
        i++;
      }
      least = Math.min(least, posted - after);
    }
    return least;
  }
}
