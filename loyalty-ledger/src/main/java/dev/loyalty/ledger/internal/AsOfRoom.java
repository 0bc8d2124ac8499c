package dev.loyalty.ledger.internal;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.spi.AccountState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
   * The least balance an account whose posted balance is {@code posted} has as of any time from
   * some time on, given what its postings after some time from then on add up to at most (a
   * store's {@code mostPostedAfter}): the balance as of {@code s} is the posted balance less what
   * is effective after {@code s}.
   */
  public static long leastBalanceFrom(long posted, long mostPostedAfter) {
    return Math.subtractExact(posted, mostPostedAfter);
  }

  /**
   * {@code StoreTransaction.mostPostedAfter} computed from {@code transactions}, which must hold
   * every transaction that posted to {@code account} effective after {@code from} (others are
   * ignored): the most the account's postings effective after {@code s} add up to, over every
   * {@code s} from {@code from} on, at least 0. Sorts them: for a store without an index of its
   * own, and the reference the stores' indexes are tested against.
   */
  public static long mostPostedAfter(AccountId account, Instant from, Collection<Transaction> transactions) {
    List<Transaction> byTime = new ArrayList<>(transactions.size());
    for (Transaction tx : transactions) {
      if (tx.effectiveAt().isAfter(from)) {
        byTime.add(tx);
      }
    }
    byTime.sort((a, b) -> b.effectiveAt().compareTo(a.effectiveAt()));
    long most = 0;
    long after = 0; // posted to the account by transactions effective after the current time
    int i = 0;
    while (i < byTime.size()) {
      Instant at = byTime.get(i).effectiveAt();
      // as of just before "at": everything from "at" on is after it
      while (i < byTime.size() && byTime.get(i).effectiveAt().equals(at)) {
        after = Math.addExact(after, byTime.get(i).amountFor(account));
        i++;
      }
      most = Math.max(most, after);
    }
    return most;
  }
}
