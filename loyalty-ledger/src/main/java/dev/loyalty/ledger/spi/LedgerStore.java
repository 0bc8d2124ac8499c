package dev.loyalty.ledger.spi;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a {@link dev.loyalty.ledger.Ledger} keeps its state: the plain interface a host implements
 * to keep the ledger in its own database. The ledger does all checking and computing; a store
 * gives atomic units of work with account locks, and reads.
 *
 * <p>Implementations must be thread-safe. Every implementation must pass the contract suite
 * {@code dev.loyalty.ledger.spi.LedgerStoreContract} from this module's test-jar.
 */
public interface LedgerStore {

  /**
   * Runs {@code work} as one atomic unit: what it {@linkplain StoreTransaction#apply applies}
   * is kept only if {@code work} returns normally, entirely, and visible to all later units.
   * The {@link StoreTransaction} must not be used after this returns.
   */
  <T> T write(Function<StoreTransaction, T> work);

  /**
   * Runs each work as its own atomic unit, in order, and returns their results. A store may
   * commit several units together (for example one database transaction with a savepoint per
   * unit) to save round trips and disk flushes, as long as each unit's effects land whole or not
   * at all. The default runs them one by one through {@link #write}.
   */
  default <T> List<T> writeEach(List<Function<StoreTransaction, T>> works) {
    List<T> results = new java.util.ArrayList<>(works.size());
    for (Function<StoreTransaction, T> work : works) {
      results.add(write(work));
    }
    return results;
  }

  /**
   * Whether a ledger should group commands that arrive at the same time from several threads and
   * hand them to {@link #writeEach} together (group commit), rather than calling {@link #write}
   * once per command. Worth it where a commit is dear (a database transaction and a disk flush);
   * false by default. A command alone is written through {@link #write} either way.
   */
  default boolean groupsConcurrentCommands() {
    return false;
  }

  /**
   * Whether a write on the calling thread now joins a transaction its caller opened (a unit of work
   * of the host's, or of a library above the ledger) instead of committing on its own. A ledger
   * then writes the command through {@link #write} on the calling thread, never grouped with other
   * threads' commands (they would commit in another transaction), and leaves sealing until
   * {@link #afterCommit}. False by default.
   */
  default boolean joinsCallersTransaction() {
    return false;
  }

  /**
   * Runs {@code action} once what the calling thread has written is committed: at once (the
   * default) for a store whose writes commit as they return, after the caller's transaction for a
   * write that {@linkplain #joinsCallersTransaction joined} one, and never if that transaction rolls
   * back. A ledger seals the hash chain this way.
   */
  default void afterCommit(Runnable action) {
    action.run();
  }

  /**
   * How many committed transactions a ledger lets accumulate before it seals them into the hash
   * chain after a command. 1 (the default) seals after every command, which is cheap in memory;
   * a database store may prefer fewer, larger seal transactions, since each is a commit of its
   * own. {@code Ledger.seal()} and {@code Ledger.verify()} always seal everything.
   */
  default int sealEvery() {
    return 1;
  }

  /** An account's current state. */
  Optional<AccountState> accountState(AccountId id);

  /** All account states, in account id order. */
  List<AccountState> accountStates();

  /** An account. */
  default Optional<Account> account(AccountId id) {
    return accountState(id).map(AccountState::account);
  }

  /** The lots of a wallet in {@link Lot#SPEND_ORDER}; spent ones too when {@code includeSpent}. */
  List<Lot> lots(AccountId wallet, boolean includeSpent);

  /** A hold. */
  Optional<Hold> hold(HoldId id);

  /** The open holds whose source or destination is {@code account}, by id. */
  List<Hold> openHolds(AccountId account);

  /** Open holds that time out at or before {@code asOf}, by id. */
  List<HoldId> holdsTimedOutBy(Instant asOf);

  /** A journal transaction. */
  Optional<Transaction> transaction(TransactionId id);

  /** The reversals of {@code original}, oldest first (see {@link StoreTransaction#reversalsOf}). */
  List<Transaction> reversalsOf(TransactionId original);

  /**
   * The transactions that posted to or held on {@code account}, ascending by id, after
   * {@code after} (exclusive; empty for the start), at most {@code limit}.
   */
  List<Transaction> history(AccountId account, Optional<TransactionId> after, int limit);

  /** All transactions, ascending by id, after {@code after} (exclusive), at most {@code limit}. */
  List<Transaction> journal(Optional<TransactionId> after, int limit);

  /** Transactions not sealed into the hash chain yet, ascending by id, at most {@code limit}. */
  List<Transaction> unsealed(int limit);

  /** The last link of the chain. */
  Optional<Seal> lastSeal();

  /**
   * Appends links. The first must follow {@link #lastSeal()} ({@code position = last + 1}), each
   * for an unsealed transaction; if another sealer got there first the store throws
   * {@link ConcurrentSealException} and appends nothing.
   */
  void appendSeals(List<Seal> seals);

  /** Links with position after {@code afterPosition}, ascending, at most {@code limit}. */
  List<Seal> seals(long afterPosition, int limit);
}
