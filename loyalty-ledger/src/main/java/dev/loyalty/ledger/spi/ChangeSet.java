package dev.loyalty.ledger.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * Everything one command writes, applied by {@link StoreTransaction#apply} in one step. Computed
 * and checked in full by the ledger before it reaches the store, so a store only persists it.
 *
 * @param newAccounts   accounts to create (their states are in {@code accountStates}); never null
 * @param accountStates new states of accounts (each locked in this unit, or new); never null
 * @param lots          lots to insert or replace (by id); never null
 * @param holds         holds to insert or replace (by id); never null
 * @param transaction   the journal entry to append; never null
 * @param contentHash   SHA-256 of the transaction's canonical encoding, computed by the ledger: the
 *                      store keeps it with the transaction, fixed from then on, and the hash chain
 *                      links it; present exactly when {@code transaction} is; never null
 * @param idempotency   the key's outcome to remember; never null
 */
public record ChangeSet(
    List<Account> newAccounts,
    List<AccountState> accountStates,
    List<Lot> lots,
    List<Hold> holds,
    Optional<Transaction> transaction,
    Optional<Digest> contentHash,
    Optional<IdempotencyRecord> idempotency) {

  public ChangeSet {
    newAccounts = List.copyOf(requireNonNull(newAccounts, "newAccounts"));
    accountStates = List.copyOf(requireNonNull(accountStates, "accountStates"));
    lots = List.copyOf(requireNonNull(lots, "lots"));
    holds = List.copyOf(requireNonNull(holds, "holds"));
    requireNonNull(transaction, "transaction");
    requireNonNull(contentHash, "contentHash");
    requireNonNull(idempotency, "idempotency");
    if (transaction.isPresent() != contentHash.isPresent()) {
      throw new IllegalArgumentException("a transaction comes with its content hash, and only a transaction");
    }
  }

  /** A change that only records a key's outcome (a refusal, or a run that found nothing to do). */
  public static ChangeSet idempotencyOnly(IdempotencyRecord record) {
    return new ChangeSet(List.of(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(),
        Optional.of(record));
  }

  /** A change that opens an account. */
  public static ChangeSet openAccount(Account account) {
    return new ChangeSet(List.of(account), List.of(AccountState.opened(account)), List.of(), List.of(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }
}
