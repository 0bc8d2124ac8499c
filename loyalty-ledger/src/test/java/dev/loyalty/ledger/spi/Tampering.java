package dev.loyalty.ledger.spi;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import java.util.function.UnaryOperator;

/**
 * A change made to a store behind the ledger's back, as someone with access to the database could
 * make it: what {@code Ledger.verify()} and {@code Ledger.audit()} must detect. A store's contract
 * test applies each with its own means (SQL for a database).
 */
public sealed interface Tampering {

  /** Rewrites a transaction's row as a whole (every column consistent with the new content). */
  record EditTransaction(TransactionId id, UnaryOperator<Transaction> change) implements Tampering {}

  /** Removes a transaction's row, nothing else. */
  record DeleteTransaction(TransactionId id) implements Tampering {}

  /** Makes a transaction's row unreadable (for a database: its encoded bytes cut short). */
  record DamageTransaction(TransactionId id) implements Tampering {}

  /** Clears the link from a reversal to the transaction it reverses (for a database: a column). */
  record UnlinkReversal(TransactionId reversal) implements Tampering {}

  /** Rewrites an account's stored figures. */
  record EditAccount(AccountId id, UnaryOperator<AccountState> change) implements Tampering {}

  /** Rewrites a hold's stored state. */
  record EditHold(HoldId id, UnaryOperator<Hold> change) implements Tampering {}

  /** Rewrites a wallet's lot. */
  record EditLot(AccountId wallet, LotId id, UnaryOperator<Lot> change) implements Tampering {}

  /** Removes a key's remembered outcome. */
  record ForgetKey(IdempotencyKey key) implements Tampering {}
}
