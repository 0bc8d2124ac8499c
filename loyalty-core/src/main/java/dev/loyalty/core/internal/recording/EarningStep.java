package dev.loyalty.core.internal.recording;

import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.internal.AwardPlanner;
import dev.loyalty.core.internal.LedgerPoster;
import dev.loyalty.core.internal.PostingStep;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Posts a recorded activity's awards as one balanced transfer: the paying accounts (issuance,
 * campaign budgets) debited, the wallets credited with lots that expire as the program says for the
 * activity's date. The request is built from the planned receipt alone, under the activity's key,
 * so writing it again replays it. Thread-safe.
 */
public final class EarningStep extends PostingStep {
  private static final ConcurrentMap<String, String> REASONS = new ConcurrentHashMap<>();

  /** Posts to {@code poster}'s ledger. */
  public EarningStep(LedgerPoster poster, AwardPlanner planner) {
    super(poster, planner);
  }

  @Override
  public Result write(JournalEntry entry) {
    return poster.write(entry, this::transfer, r -> planner.replan(r, entry.activity().occurredAt()));
  }

  private Result transfer(JournalEntry entry) {
    Optional<TransferRequest> request = request(entry);
    if (request.isEmpty()) {
      return new Written(entry, List.of());
    }
    List<Entry> entries = request.get().entries();
    List<AccountId> accounts = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      accounts.add(e.account());
    }
    poster.openWallets(accounts);
    Transaction tx = poster.ledger().transfer(request.get());
    JournalEntry written = journal.save(entry.planned(entry.receipt().withTransaction(Optional.of(tx.id()))));
    return new Written(written, poster.awardEvents(entry.activity().id(), List.of(tx)));
  }

  private Optional<TransferRequest> request(JournalEntry entry) {
    Receipt receipt = entry.receipt();
    List<PostedAward> awards = receipt.awards();
    // each account's net amount, in the order first named (an activity names a handful): no map
    // entry or boxed total per award
    List<AccountId> accounts = new ArrayList<>(2 * awards.size());
    long[] amounts = new long[2 * awards.size()];
    Expiry expiry = Expiry.never();
    for (PostedAward a : awards) {
      if (a.points() == 0) {
        continue;
      }
      add(accounts, amounts, planner.source(a), -a.points());
      add(accounts, amounts, accountIds.wallet(a.beneficiary()), a.points());
      expiry = a.expiresAt().isPresent() ? Expiry.at(a.expiresAt().get()) : Expiry.never();
    }
    List<Entry> entries = new ArrayList<>(accounts.size());
    for (int i = 0; i < accounts.size(); i++) {
      if (amounts[i] > 0) {
        entries.add(Entry.credit(accounts.get(i), amounts[i], expiry));
      } else if (amounts[i] < 0) {
        entries.add(Entry.debit(accounts.get(i), -amounts[i]));
      }
    }
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    // A late activity counts from its own date; one stamped a little ahead (clock skew) from now.
    Instant effective = entry.activity().occurredAt().isBefore(receipt.recordedAt()) ? entry.activity().occurredAt()
        : receipt.recordedAt();
    return Optional.of(new TransferRequest(poster.key(entry, ""), entries, reason(entry.activity().kind()),
        Map.of("activity", entry.activity().id().value()), Optional.of(effective)));
  }

  /** Adds {@code points} to {@code account}'s amount, naming it first if new. */
  private static void add(List<AccountId> accounts, long[] amounts, AccountId account, long points) {
    int i = accounts.indexOf(account);
    if (i < 0) {
      i = accounts.size();
      accounts.add(account);
    }
    amounts[i] = Math.addExact(amounts[i], points);
  }

  /** {@code award:<kind>}, made once per kind of activity (of the first few dozen kinds a process sees). */
  private static String reason(String kind) {
    String known = REASONS.get(kind);
    if (known != null) {
      return known;
    }
    return REASONS.size() < 64 ? REASONS.computeIfAbsent(kind, k -> "award:" + k) : "award:" + kind;
  }
}
