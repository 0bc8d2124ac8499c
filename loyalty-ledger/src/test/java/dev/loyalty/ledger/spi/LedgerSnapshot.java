package dev.loyalty.ledger.spi;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The whole observable state of a store: accounts, every lot, every hold and the journal. Two
 * snapshots are equal exactly when nothing changed. (Remembered idempotency outcomes are not
 * part of it: a refused command is remembered under its key by design.)
 */
public record LedgerSnapshot(
    List<AccountState> accounts, Map<AccountId, List<Lot>> lots, Map<HoldId, Hold> holds, List<Transaction> journal) {

  public static LedgerSnapshot of(LedgerStore store) {
    List<AccountState> accounts = store.accountStates();
    Map<AccountId, List<Lot>> lots = new TreeMap<>();
    Map<HoldId, Hold> holds = new TreeMap<>();
    for (AccountState s : accounts) {
      lots.put(s.id(), store.lots(s.id(), true));
    }
    List<Transaction> journal = new ArrayList<>();
    Optional<dev.loyalty.ledger.TransactionId> after = Optional.empty();
    while (true) {
      List<Transaction> page = store.journal(after, 500);
      if (page.isEmpty()) {
        break;
      }
      journal.addAll(page);
      after = Optional.of(page.get(page.size() - 1).id());
    }
    for (Transaction tx : journal) {
      tx.hold().flatMap(store::hold).ifPresent(h -> holds.put(h.id(), h));
    }
    return new LedgerSnapshot(accounts, lots, holds, journal);
  }
}
