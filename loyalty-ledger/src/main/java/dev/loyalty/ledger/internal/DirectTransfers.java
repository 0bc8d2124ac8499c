package dev.loyalty.ledger.internal;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * A unit of work that can plan and write a common transfer (an earn, a wallet-to-wallet move, an
 * award of several entries) against its own numbers, without the {@link CommandPlanner}'s objects: the in-memory
 * store's. It writes exactly what the planner would have had it written (the same transaction, lot
 * changes, account figures and key outcome); for any case it does not handle, or that the planner
 * would refuse, it changes nothing and says so, and the ledger plans the command the general way,
 * which refuses it or writes it.
 */
public interface DirectTransfers {

  /**
   * Writes {@code transfer}, a command whose key has no outcome yet, at
   * {@code now} with its outcome under the key (fingerprint {@code fingerprint}), if it is a case
   * this unit handles and that will succeed; the transaction written, or empty with nothing
   * changed. At most once per unit, and then the unit does nothing else.
   */
  Optional<Transaction> transferDirectly(TransferRequest transfer, Instant now, Digest fingerprint);
}
