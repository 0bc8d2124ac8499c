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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts a recorded activity's awards as one balanced transfer: the paying accounts (issuance,
 * campaign budgets) debited, the wallets credited with lots that expire as the program says for the
 * activity's date. The request is built from the planned receipt alone, under the activity's key,
 * so writing it again replays it. Thread-safe.
 */
public final class EarningStep extends PostingStep {
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
    poster.openWallets(request.get().entries().stream().map(Entry::account).toList());
    Transaction tx = poster.ledger().transfer(request.get());
    JournalEntry written = journal.save(entry.planned(entry.receipt().withTransaction(Optional.of(tx.id()))));
    return new Written(written, poster.awardEvents(entry.activity().id(), List.of(tx)));
  }

  private Optional<TransferRequest> request(JournalEntry entry) {
    Receipt receipt = entry.receipt();
    Map<AccountId, Long> amounts = new LinkedHashMap<>();
    Expiry expiry = Expiry.never();
    for (PostedAward a : receipt.awards()) {
      if (a.points() == 0) {
        continue;
      }
      amounts.merge(planner.source(a), -a.points(), Math::addExact);
      amounts.merge(accountIds.wallet(a.beneficiary()), a.points(), Math::addExact);
      expiry = a.expiresAt().<Expiry>map(Expiry::at).orElse(Expiry.never());
    }
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<AccountId, Long> e : amounts.entrySet()) {
      if (e.getValue() > 0) {
        entries.add(Entry.credit(e.getKey(), e.getValue(), expiry));
      } else if (e.getValue() < 0) {
        entries.add(Entry.debit(e.getKey(), -e.getValue()));
      }
    }
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    // A late activity counts from its own date; one stamped a little ahead (clock skew) from now.
    Instant effective = entry.activity().occurredAt().isBefore(receipt.recordedAt()) ? entry.activity().occurredAt()
        : receipt.recordedAt();
    return Optional.of(new TransferRequest(poster.key(entry, ""), entries, "award:" + entry.activity().kind(),
        Map.of("activity", entry.activity().id().value()), Optional.of(effective)));
  }
}
