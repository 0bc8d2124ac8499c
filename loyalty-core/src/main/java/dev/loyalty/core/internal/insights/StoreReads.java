package dev.loyalty.core.internal.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.insights.DateRange;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.program.Program;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.HistoryPage;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@link InsightsReads} through the stores' ports, for any stores: one pass over the journal per
 * call ({@link JournalPass}, every part at once), and one pass over the ledger's journal ({@link
 * Ledger#journal}) per call for the wallets' sums, each transaction's bucket and {@link
 * WalletFlow.Movement} read once and its postings summed per wallet. Not each wallet's history: an
 * expiry run is one transaction that moves every wallet holding expiring points, and reading it once
 * per wallet (and its amount for the wallet by a scan of its postings) made the pass quadratic in the
 * number of wallets. Linear in the ledger; cheap in memory. Thread-safe.
 */
public final class StoreReads implements InsightsReads {
  /** Up to this many postings a transaction's wallets are summed by a scan, above by a map. */
  private static final int FEW_POSTINGS = 8;

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
    return JournalPass.of(program, journal, ledger, period, parts);
  }

  @Override
  public WalletFlows walletFlows(Set<AccountId> wallets, List<Instant> boundaries) {
    WalletFlows out = new WalletFlows();
    forEachWalletAmount(wallets::contains, boundaries, (tx, bucket, nets) -> {
      WalletFlow.Movement movement = flows.movement(tx);
      for (Net n : nets) {
        out.add(n.wallet(), bucket, movement.kindOf(n.amount()), n.amount(), Math.min(0, n.amount()));
      }
    });
    return out;
  }

  @Override
  public Map<Integer, Long> walletChanges(List<Instant> boundaries) {
    Map<Integer, Long> out = new HashMap<>();
    forEachWalletAmount(wallet -> true, boundaries, (tx, bucket, nets) -> {
      for (Net n : nets) {
        out.merge(bucket, n.amount(), Math::addExact);
      }
    });
    return out;
  }

  /** A wallet's net posted amount in one transaction: not 0. */
  private record Net(AccountId wallet, long amount) {
  }

  /** The wallets one transaction moved (at least one), with its bucket. */
  private interface WalletAmounts {
    void accept(Transaction tx, int bucket, List<Net> nets);
  }

  /**
   * Every transaction effective before the last of {@code boundaries} that moved a program wallet
   * {@code counted} accepts, with its bucket and those wallets' net amounts, in one pass over the
   * ledger's journal.
   */
  private void forEachWalletAmount(Predicate<AccountId> counted, List<Instant> boundaries, WalletAmounts action) {
    Instant last = boundaries.get(boundaries.size() - 1);
    Map<AccountId, Boolean> wallets = new HashMap<>();
    Predicate<AccountId> summed = account -> wallets.computeIfAbsent(account,
        a -> counted.test(a) && program.accounts().walletOwner(a).isPresent());
    Optional<TransactionId> after = Optional.empty();
    do {
      HistoryPage page = ledger.journal(after, 10_000);
      for (Transaction tx : page.transactions()) {
        if (tx.postings().isEmpty() || !tx.effectiveAt().isBefore(last)) {
          continue;
        }
        List<Net> nets = nets(tx, summed);
        if (!nets.isEmpty()) {
          int found = Collections.binarySearch(boundaries, tx.effectiveAt());
          action.accept(tx, found >= 0 ? found + 1 : -found - 1, nets);   // how many boundaries are at or before it
        }
      }
      after = page.next();
    } while (after.isPresent());
  }

  /**
   * The accounts of {@code tx} that {@code summed} accepts, each with its net posted amount where
   * that is not 0 (an account may have several postings in one transaction).
   */
  private static List<Net> nets(Transaction tx, Predicate<AccountId> summed) {
    List<Posting> postings = tx.postings();
    List<Net> nets = new ArrayList<>(2);
    if (postings.size() <= FEW_POSTINGS) {
      for (int i = 0; i < postings.size(); i++) {
        AccountId account = postings.get(i).account();
        if (!summed.test(account) || postedBefore(postings, i, account)) {
          continue;
        }
        long net = 0;
        for (int j = i; j < postings.size(); j++) {
          if (postings.get(j).account().equals(account)) {
            net = Math.addExact(net, postings.get(j).amount());
          }
        }
        if (net != 0) {
          nets.add(new Net(account, net));
        }
      }
      return nets;
    }
    Map<AccountId, Long> sums = new LinkedHashMap<>();
    for (Posting p : postings) {
      if (summed.test(p.account())) {
        sums.merge(p.account(), p.amount(), Math::addExact);
      }
    }
    sums.forEach((account, net) -> {
      if (net != 0) {
        nets.add(new Net(account, net));
      }
    });
    return nets;
  }

  private static boolean postedBefore(List<Posting> postings, int index, AccountId account) {
    for (int j = 0; j < index; j++) {
      if (postings.get(j).account().equals(account)) {
        return true;
      }
    }
    return false;
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
