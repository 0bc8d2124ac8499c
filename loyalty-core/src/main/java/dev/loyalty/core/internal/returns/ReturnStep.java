package dev.loyalty.core.internal.returns;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.JournalEntry;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.internal.AwardPlanner;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.internal.LedgerPoster;
import dev.loyalty.core.internal.LedgerStep;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.ProgramAccounts;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes back what a return's receipt says: from the wallets to the accounts that paid the invoice's
 * awards, with what a wallet no longer has booked to the program's clawback account. One balanced
 * transfer under the return's key, built from the planned receipt alone. Thread-safe.
 */
public final class ReturnStep implements LedgerStep {
  private final ProgramAccounts accounts;
  private final LedgerPoster poster;
  private final Journal journal;
  private final AwardPlanner planner;

  /** Takes back through {@code poster}'s ledger, saving progress in {@code journal}. */
  public ReturnStep(ProgramAccounts accounts, LedgerPoster poster, Journal journal, AwardPlanner planner) {
    this.accounts = requireNonNull(accounts, "accounts");
    this.poster = requireNonNull(poster, "poster");
    this.journal = requireNonNull(journal, "journal");
    this.planner = requireNonNull(planner, "planner");
  }

  @Override
  public Result write(JournalEntry entry) {
    return poster.write(entry, this::takeBack, this::withShortfalls);
  }

  /** {@code planned} with, per participant, what its wallet cannot give back now. */
  Receipt withShortfalls(Receipt planned) {
    Map<ParticipantId, Long> take = new LinkedHashMap<>();
    planned.returns().forEach(t -> take.merge(t.beneficiary(), t.points(), Math::addExact));
    Map<ParticipantId, Long> shortfalls = new LinkedHashMap<>();
    take.forEach((participant, points) -> {
      long available = Math.max(0, poster.available(accounts.wallet(participant)));
      if (points > available) {
        shortfalls.put(participant, points - available);
      }
    });
    return planned.withShortfalls(shortfalls);
  }

  private Result takeBack(JournalEntry entry) {
    Receipt r = entry.receipt();
    SaleReturn ret = (SaleReturn) entry.activity();
    List<PostedAward> invoiceAwards = journal.find(ret.invoice()).orElseThrow().receipt().awards();
    Map<AccountId, Long> amounts = new LinkedHashMap<>();
    for (AwardReturn t : r.returns()) {
      amounts.merge(planner.source(invoiceAwards.get(t.award())), t.points(), Math::addExact);
      amounts.merge(accounts.wallet(t.beneficiary()), -t.points(), Math::addExact);
    }
    for (Map.Entry<ParticipantId, Long> s : r.shortfalls().entrySet()) {
      // the wallet keeps what it no longer has; the clawback account records the loss instead
      amounts.merge(accounts.wallet(s.getKey()), s.getValue(), Math::addExact);
      amounts.merge(accounts.clawback(), -s.getValue(), Math::addExact);
    }
    List<Entry> entries = new ArrayList<>();
    amounts.forEach((account, amount) -> {
      if (amount > 0) {
        entries.add(Entry.credit(account, amount));
      } else if (amount < 0) {
        entries.add(Entry.debit(account, -amount));
      }
    });
    if (entries.isEmpty()) {
      return new Written(entry, List.of());
    }
    Instant occurred = entry.activity().occurredAt();
    Instant effective = occurred.isBefore(r.recordedAt()) ? occurred : r.recordedAt();
    Transaction tx = poster.ledger().transfer(new TransferRequest(poster.key(entry, ""), entries, "return",
        Map.of("activity", entry.activity().id().value()), Optional.of(effective)));
    JournalEntry written = journal.save(entry.planned(r.withTransaction(Optional.of(tx.id()))));
    List<LoyaltyEvent> events = new ArrayList<>();
    r.pointsByParticipant().forEach((p, points) -> events.add(new LoyaltyEvent.AwardTakenBack("taken-back:"
        + r.activity() + ":" + p.kind() + ":" + p.value(), r.recordedAt(), r.activity(), p, -points,
        r.shortfalls().getOrDefault(p, 0L), tx.id())));
    return new Written(written, events);
  }
}
