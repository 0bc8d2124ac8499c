package dev.loyalty.ledger.spi;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.internal.AsOfRoom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * One atomic unit of work inside {@link LedgerStore#write}. The ledger reads through it, locks
 * the accounts a command touches, and ends with at most one {@link #apply}. Used by one thread
 * only, and only until {@code write} returns.
 *
 * <p>Locking contract: a store must make the state read after {@link #lockAccounts} stable
 * until the unit ends, for those accounts, their lots and the holds and reversals that involve
 * them. Everything the ledger changes belongs to accounts it locked first.
 */
public interface StoreTransaction {

  /** The remembered outcome of {@code key}, if the key was used. Must see keys committed by others. */
  Optional<IdempotencyRecord> idempotency(IdempotencyKey key);

  /**
   * {@link #idempotency(IdempotencyKey)}, told what the unit will lock next if the key is new:
   * the ledger knows it up front for transfers and holds. A store may take those locks (and do
   * what {@link #lockAccounts(SortedSet, Set)} does) together with the key's lookup, a database
   * in the same round trip, and then answer the unit's {@code lockAccounts} call for exactly
   * {@code ids} from what it read. Locks taken for a key that turns out to be known are held
   * until the unit ends. The default looks up the key only.
   */
  default Optional<IdempotencyRecord> idempotency(IdempotencyKey key, SortedSet<AccountId> ids,
      Set<AccountId> spending) {
    return idempotency(key);
  }

  /**
   * Locks the given accounts for the rest of the unit, in ascending id order (so that two units
   * never deadlock), and returns the states of those that exist. Called at most once per unit.
   */
  Map<AccountId, AccountState> lockAccounts(SortedSet<AccountId> ids);

  /**
   * {@link #lockAccounts(SortedSet)}, told which of those accounts the unit will spend from: the
   * wallets whose {@link #openLots} it will read. A store may read their first lots together with
   * the locks (a database saves a round trip); the default ignores the hint. The ledger calls
   * one of the two lock methods, once.
   */
  default Map<AccountId, AccountState> lockAccounts(SortedSet<AccountId> ids, Set<AccountId> spending) {
    return lockAccounts(ids);
  }

  /** An id for the transaction this unit will write; larger than any handed out before. */
  TransactionId nextTransactionId();

  /** The open lots (remaining above zero) of a locked wallet, in {@link Lot#SPEND_ORDER}; lazily, if the store likes. */
  Iterable<Lot> openLots(AccountId wallet);

  /** A lot of a locked wallet, by id. */
  Optional<Lot> lot(AccountId wallet, LotId id);

  /** A hold by id. */
  Optional<Hold> hold(HoldId id);

  /** A journal transaction by id. */
  Optional<Transaction> transaction(TransactionId id);

  /**
   * The reversals of {@code original} (transactions whose {@link Transaction#reverses()} is it),
   * oldest first: a transaction may be reversed in several parts. Must see reversals committed by
   * others once the unit holds the locks of the accounts they touched.
   */
  List<Transaction> reversalsOf(TransactionId original);

  /**
   * The transactions that posted to a locked {@code account} (a non-zero net amount) and are
   * effective after {@code after} (strictly), in any order: what the default
   * {@link #mostPostedAfter} reads. A store that answers {@code mostPostedAfter} from an index of
   * its own still gives these (the contract suite checks that the two agree); the ledger does not
   * ask for them otherwise.
   */
  List<Transaction> historyEffectiveAfter(AccountId account, Instant after);

  /**
   * The most that the postings to a locked {@code account} effective after some time add up to,
   * over every such time from {@code from} on: {@code max(0, max over s >= from of (the sum of the
   * account's posted amounts effective after s))}. Posted amounts only (a hold's pending amounts
   * do not count; its post does, at the post's effective time); transactions effective at the same
   * instant count together; reversals count at their own effective time. 0 for an account that does
   * not exist.
   *
   * <p>The account's posted balance less this is the least balance it has as of any time from
   * {@code from} on, and so the most a debit effective at {@code from} may take from a wallet or a
   * budget (whose balance is never negative as of any time). The ledger asks only for a debit dated
   * before the account's last credit (a backdated debit), at most once per account and command.
   *
   * <p>The default computes it from {@link #historyEffectiveAfter}: it reads and decodes every
   * transaction of the account effective after {@code from}, which grows with the account's
   * history when commands arrive out of date order (a campaign budget drawn on by late activities).
   * A store should answer it from an index by effective time: the in-memory store keeps a tree of
   * running sums per account, the PostgreSQL store one SQL statement over an index of the account's
   * entries by effective time, each reading O(log n) of it, or only the entries after {@code from}.
   */
  default long mostPostedAfter(AccountId account, Instant from) {
    return AsOfRoom.mostPostedAfter(account, from, historyEffectiveAfter(account, from));
  }

  /** The wallets that have an open lot expiring at or before {@code asOf}, in id order. */
  SortedSet<AccountId> walletsWithLotsExpiringBy(Instant asOf);

  /** Writes the change. Called at most once per unit; the unit commits when {@code write} returns. */
  void apply(ChangeSet changes);
}
