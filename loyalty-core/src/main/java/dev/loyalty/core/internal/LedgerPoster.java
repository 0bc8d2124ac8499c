package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.ActivityJournal;
import dev.loyalty.core.JournalEntry;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.Award;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of the ledger: the program's accounts, budget-aware award plans, and the one
 * transfer per activity, planned again (under a new attempt's key) when a budget or wallet changed
 * between plan and write.
 */
public final class LedgerPoster {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerPoster.class);
  /** How often a transfer is planned again when a budget or wallet changed between plan and write. */
  private static final int ATTEMPTS = 8;

  private final Program program;
  private final Ledger ledger;
  private final ActivityJournal journal;
  private final Set<AccountId> openWallets = ConcurrentHashMap.newKeySet();

  /** Posts {@code program}'s activities to {@code ledger}. */
  public LedgerPoster(Program program, Ledger ledger, ActivityJournal journal) {
    this.program = requireNonNull(program, "program");
    this.ledger = requireNonNull(ledger, "ledger");
    this.journal = requireNonNull(journal, "journal");
  }

  /** Opens the program's system and budget accounts and funds each budget once. */
  public void openProgramAccounts() {
    ledger.openAccount(program.accounts().issuance(), AccountType.SYSTEM);
    ledger.openAccount(program.accounts().breakage(), AccountType.SYSTEM);
    ledger.openAccount(program.accounts().clawback(), AccountType.SYSTEM);
    for (Campaign c : program.campaigns()) {
      AccountId budget = program.accounts().budget(c.id());
      ledger.openAccount(budget, AccountType.BUDGET);
      // Funded once, under a key per campaign: restarting the engine does not fund it again.
      ledger.transfer(new TransferRequest(IdempotencyKey.of(program.accounts().prefix() + ":fund:" + c.id()),
          List.of(Entry.debit(program.accounts().issuance(), c.budget()), Entry.credit(budget, c.budget())),
          "campaign-budget", Map.of("campaign", c.id().value()), Optional.empty()));
    }
  }

  /** Plans {@code awards} against what the campaign budgets hold now. */
  public List<PostedAward> plan(List<Award> awards, Instant earnedAt) {
    return AwardPlanner.plan(awards, program, program.expiry().expiryOf(earnedAt, program.zone()), this::available);
  }

  /** Per participant, what the wallet cannot give back of what a return takes. */
  public Map<ParticipantId, Long> shortfalls(Receipt returnReceipt) {
    Map<ParticipantId, Long> take = new LinkedHashMap<>();
    returnReceipt.returns().forEach(t -> take.merge(t.beneficiary(), t.points(), Math::addExact));
    Map<ParticipantId, Long> shortfalls = new LinkedHashMap<>();
    take.forEach((participant, points) -> {
      long available = Math.max(0, available(program.accounts().wallet(participant)));
      if (points > available) {
        shortfalls.put(participant, points - available);
      }
    });
    return shortfalls;
  }

  /** What {@code account} can spend now; 0 if it is not open. */
  public long available(AccountId account) {
    return ledger.account(account).isPresent() ? ledger.balance(account).available() : 0;
  }

  /**
   * Writes the entry's transfer, if it has one, and returns the entry with the transaction id.
   * Idempotent: the request is built from the entry alone, so writing it again replays it.
   */
  public JournalEntry write(JournalEntry planned) {
    JournalEntry entry = planned;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<TransferRequest> request = requestOf(entry);
      if (request.isEmpty()) {
        return entry;
      }
      request.get().entries().forEach(e -> openWallet(e.account()));
      try {
        Transaction tx = ledger.transfer(request.get());
        JournalEntry written = entry.planned(entry.receipt().withOutcome(Optional.of(tx.id()), List.of()));
        journal.update(written);
        return written;
      } catch (InsufficientBalanceException e) {
        // The ledger remembers a refusal under its key, so the new plan is written under the next attempt's.
        LOG.debug("activity {}: {}; planning again", entry.activity().id(), e.getMessage());
        entry = entry.replanned(replan(entry));
        journal.update(entry);
      }
    }
    throw new LoyaltyException("activity " + planned.activity().id() + " could not be written after " + ATTEMPTS
        + " attempts: budgets or wallets kept changing meanwhile; record it again");
  }

  /** The transaction the entry wrote, if any. */
  public Optional<Transaction> transactionOf(JournalEntry entry) {
    return entry.receipt().transaction().flatMap(ledger::findTransaction);
  }

  /** One {@link LoyaltyEvent.AwardPosted} per wallet {@code tx} credited. */
  public List<LoyaltyEvent> awardEvents(Transaction tx) {
    Map<ParticipantId, Long> points = new LinkedHashMap<>();
    for (Posting p : tx.postings()) {
      program.accounts().walletOwner(p.account()).ifPresent(owner -> points.merge(owner, p.amount(), Math::addExact));
    }
    String activity = tx.metadata().getOrDefault("activity", tx.key().value());
    List<LoyaltyEvent> events = new ArrayList<>();
    points.forEach((owner, amount) -> events.add(new LoyaltyEvent.AwardPosted("award:" + activity + ":"
        + owner.kind() + ":" + owner.value(), tx.recordedAt(), ActivityId.of(activity), owner, amount, tx.id())));
    return events;
  }

  /** One {@link LoyaltyEvent.AwardTakenBack} per participant a return took points from. */
  public List<LoyaltyEvent> takeBackEvents(Receipt r, Transaction tx) {
    List<LoyaltyEvent> events = new ArrayList<>();
    r.pointsByParticipant().forEach((p, points) -> events.add(new LoyaltyEvent.AwardTakenBack("taken-back:"
        + r.activity() + ":" + p.kind() + ":" + p.value(), r.recordedAt(), r.activity(), p, -points,
        r.shortfalls().getOrDefault(p, 0L), tx.id())));
    return events;
  }

  private Optional<TransferRequest> requestOf(JournalEntry entry) {
    Receipt r = entry.receipt();
    Instant occurred = entry.activity().occurredAt();
    Instant effective = occurred.isBefore(r.recordedAt()) ? occurred : r.recordedAt();
    Optional<TransferRequest> request = entry.activity() instanceof SaleReturn ret
        ? LedgerRequests.takeBacks(r, journal.find(ret.invoice()).orElseThrow().receipt().awards(),
            program.accounts(), effective)
        : LedgerRequests.awards(r, entry.activity().kind(), program.accounts(), effective);
    return request.map(q -> entry.attempt() == 0 ? q : new TransferRequest(
        IdempotencyKey.of(q.key().value() + "#" + entry.attempt()), q.entries(), q.reason(), q.metadata(),
        q.effectiveAt()));
  }

  private Receipt replan(JournalEntry entry) {
    Receipt r = entry.receipt();
    if (entry.activity() instanceof SaleReturn) {
      return r.withShortfalls(shortfalls(r));
    }
    List<Award> requested = r.awards().stream().map(PostedAward::requestedAward).toList();
    return r.withAwards(r.status(), plan(requested, entry.activity().occurredAt()));
  }

  private void openWallet(AccountId account) {
    if (program.accounts().isWallet(account) && !openWallets.contains(account)) {
      ledger.openAccount(account, AccountType.WALLET);
      openWallets.add(account);
    }
  }
}
