package dev.loyalty.core.internal.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.insights.DateRange;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.program.Program;
import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.HistoryPage;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link InsightsReads} through the stores' ports, for any stores: one pass over the journal per
 * call ({@link JournalPass}, every part at once), and each wallet's ledger history read and
 * classified by {@link WalletFlow}. Linear in the history; cheap in memory. Thread-safe.
 */
public final class StoreReads implements InsightsReads {
  private final Program program;
  private final Ledger ledger;
  private final Journal journal;
  private final WalletFlow flows;

  /** Reads of {@code program}'s {@code ledger} and {@code journal}. */
  public StoreReads(Program program, Ledger ledger, Journal journal) {
    this.program = requireNonNull(program, "program");
    this.ledger = requireNonNull(ledger, "ledger");
    this.journal = requireNonNull(journal, "journal");
    this.flows = new WalletFlow(program);
  }

  @Override
  public ActivityFacts activities(DateRange period, Set<Part> parts) {
    return JournalPass.of(program, journal, ledger, period);
  }

  @Override
  public WalletFlows walletFlows(Set<AccountId> wallets, List<Instant> boundaries) {
    WalletFlows out = new WalletFlows();
    forEachWalletAmount(Optional.of(wallets), boundaries, (wallet, tx, bucket) -> {
      long amount = tx.amountFor(wallet);
      out.add(wallet, bucket, flows.kindOf(tx, wallet), amount, Math.min(0, amount));
    });
    return out;
  }

  @Override
  public Map<Integer, Long> walletChanges(List<Instant> boundaries) {
    Map<Integer, Long> out = new HashMap<>();
    forEachWalletAmount(Optional.empty(), boundaries, (wallet, tx, bucket) ->
        out.merge(bucket, tx.amountFor(wallet), Math::addExact));
    return out;
  }

  /** A transaction that moved a wallet, in its bucket. */
  private interface WalletAmount {
    void accept(AccountId wallet, Transaction tx, int bucket);
  }

  /**
   * Every transaction that moved one of {@code wallets} (or of the program's wallets) before the last
   * of {@code boundaries}, wallet by wallet, with its bucket.
   */
  private void forEachWalletAmount(Optional<Set<AccountId>> wallets, List<Instant> boundaries, WalletAmount action) {
    Instant last = boundaries.get(boundaries.size() - 1);
    for (Account account : ledger.accounts()) {
      AccountId id = account.id();
      if (program.accounts().walletOwner(id).isEmpty() || wallets.map(w -> !w.contains(id)).orElse(false)) {
        continue;
      }
      forEachTransaction(ledger, id, tx -> {
        if (tx.amountFor(id) == 0 || !tx.effectiveAt().isBefore(last)) {
          return;
        }
        int found = Collections.binarySearch(boundaries, tx.effectiveAt());
        action.accept(id, tx, found >= 0 ? found + 1 : -found - 1);   // how many boundaries are at or before it
      });
    }
  }

  /** Every transaction of {@code account}, oldest first, page by page. */
  static void forEachTransaction(Ledger ledger, AccountId account, Consumer<Transaction> action) {
    Optional<TransactionId> after = Optional.empty();
    do {
      HistoryPage page = ledger.history(account, after, 10_000);
      page.transactions().forEach(action);
      after = page.next();
    } while (after.isPresent());
  }
}
