package dev.loyalty.ledger.spi;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.internal.AsOfRoom;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * How many commands a ledger executes between two sealings of the hash chain: after every
   * {@code sealEvery()}th command it links what is unsealed. 1 (the default) seals after every
   * command; a store may prefer fewer, larger batches, since the work around a batch (and for a
   * database its commit) is paid once per batch (both shipped stores say 64). A link is the same
   * whichever batch makes it. {@code Ledger.seal()} and {@code Ledger.verify()} always seal
   * everything.
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

  /**
   * {@link StoreTransaction#mostPostedAfter} as a read outside a unit of work (no lock: what was
   * committed when it reads), for {@code Ledger.availableFrom}; 0 for an account that does not
   * exist. The default pages through the account's whole {@link #history}; a store should answer it
   * from the index its units use.
   */
  default long mostPostedAfter(AccountId account, Instant from) {
    List<Transaction> later = new java.util.ArrayList<>();
    Optional<TransactionId> after = Optional.empty();
    while (true) {
      List<Transaction> page = history(account, after, 1000);
      for (Transaction tx : page) {
        if (tx.effectiveAt().isAfter(from)) {
          later.add(tx);
        }
      }
      if (page.size() < 1000) {
        return AsOfRoom.mostPostedAfter(account, from, later);
      }
      after = Optional.of(page.get(page.size() - 1).id());
    }
  }

  /** All transactions, ascending by id, after {@code after} (exclusive), at most {@code limit}. */
  List<Transaction> journal(Optional<TransactionId> after, int limit);

  /**
   * Transactions not sealed into the hash chain yet, ascending by id, at most {@code limit}, each
   * with the content hash it was written with (the sealer links those; it reads no transaction).
   */
  List<UnsealedTransaction> unsealed(int limit);

  /**
   * The journal rows of {@code ids} as stored, for verification: each present row either read back
   * or named as broken; ids without a row are left out. Never throws for a row that cannot be
   * read. The default reads each through {@link #transaction}; a store that keeps a transaction's
   * fields beside its encoded form should also check they agree.
   */
  default Map<TransactionId, StoredTransaction> stored(List<TransactionId> ids) {
    Map<TransactionId, StoredTransaction> out = new LinkedHashMap<>();
    for (TransactionId id : ids) {
      try {
        transaction(id).ifPresent(tx -> out.put(id, tx.id().equals(id) ? StoredTransaction.ok(tx)
            : StoredTransaction.broken(id, "the row of " + id + " holds transaction " + tx.id())));
      } catch (RuntimeException unreadable) {
        out.put(id, StoredTransaction.broken(id, "the row of " + id + " cannot be read: " + unreadable.getMessage()));
      }
    }
    return out;
  }

  /**
   * The journal rows as stored, ascending by id, after {@code after} (exclusive), at most
   * {@code limit}: {@link #journal} for verification, which names a row it cannot read instead of
   * throwing. The default reads {@link #journal} (and so throws for a row it cannot read).
   */
  default List<StoredTransaction> storedJournal(Optional<TransactionId> after, int limit) {
    return journal(after, limit).stream().map(StoredTransaction::ok).toList();
  }

  /** How many transactions the journal holds. The default counts them page by page. */
  default long journalSize() {
    long size = 0;
    Optional<TransactionId> after = Optional.empty();
    while (true) {
      List<Transaction> page = journal(after, 1000);
      if (page.isEmpty()) {
        return size;
      }
      size += page.size();
      after = Optional.of(page.get(page.size() - 1).id());
    }
  }

  /**
   * The remembered outcomes of {@code keys} (those that have one), for an audit. The default looks
   * each up in a unit of work of its own.
   */
  default Map<IdempotencyKey, IdempotencyRecord> outcomes(Collection<IdempotencyKey> keys) {
    Map<IdempotencyKey, IdempotencyRecord> out = new LinkedHashMap<>();
    for (IdempotencyKey key : keys) {
      write(tx -> tx.idempotency(key)).ifPresent(r -> out.put(key, r));
    }
    return out;
  }

  /** The last link of the chain. */
  Optional<Seal> lastSeal();

  /**
   * Appends links. The first must follow {@link #lastSeal()} ({@code position = last + 1}), each
   * for the next unsealed transaction, with the content hash it was written with; if another
   * sealer got there first the store throws {@link ConcurrentSealException} and appends nothing.
   */
  void appendSeals(List<Seal> seals);

  /** Links with position after {@code afterPosition}, ascending, at most {@code limit}. */
  List<Seal> seals(long afterPosition, int limit);
}
