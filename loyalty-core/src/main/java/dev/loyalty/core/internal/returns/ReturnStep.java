package dev.loyalty.core.internal.returns;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.ReviewHold;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.internal.AwardPlanner;
import dev.loyalty.core.internal.LedgerPoster;
import dev.loyalty.core.internal.PostingStep;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.LedgerException;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.ShortfallPolicy;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes back what a return's receipt says as partial reversals of the invoice's own ledger
 * transactions: the wallets give back first from the lots the invoice created (so the points left
 * keep their true expiry dates), the paying accounts (issuance, campaign budgets) get their points
 * back, and what a wallet no longer has is booked by the ledger to the program's clawback account.
 * An invoice posted by one transfer needs one reversal; one posted through review holds needs one
 * per hold post it takes from. Each reversal's key is derived from the return, so writing again
 * replays it. Core decides only how many points per award; the ledger does the rest. Thread-safe.
 */
public final class ReturnStep extends PostingStep {
  /** Takes back through {@code poster}'s ledger. */
  public ReturnStep(LedgerPoster poster, AwardPlanner planner) {
    super(poster, planner);
  }

  @Override
  public Result write(JournalEntry entry) {
    // With shortfalls booked to clawback no balance can be short, so a plan never needs redoing.
    return poster.write(entry, this::reverse, r -> r);
  }

  private Result reverse(JournalEntry entry) {
    Receipt r = entry.receipt();
    SaleReturn ret = (SaleReturn) entry.activity();
    Receipt invoice = journal.find(ret.invoice()).orElseThrow().receipt();
    // Per invoice transaction, the reversal's postings: sources credited back, wallets debited.
    Map<TransactionId, Map<AccountId, Long>> parts = new LinkedHashMap<>();
    Map<AccountId, ParticipantId> owners = new LinkedHashMap<>();
    for (AwardReturn t : r.returns()) {
      PostedAward award = invoice.awards().get(t.award());
      AccountId source = planner.source(award);
      AccountId wallet = accountIds.wallet(award.beneficiary());
      Map<AccountId, Long> postings = parts.computeIfAbsent(originalOf(invoice, source, wallet, ret),
          id -> new LinkedHashMap<>());
      postings.merge(source, t.points(), Math::addExact);
      postings.merge(wallet, -t.points(), Math::addExact);
      owners.put(wallet, award.beneficiary());
    }
    Instant occurred = entry.activity().occurredAt();
    Instant effective = occurred.isBefore(r.recordedAt()) ? occurred : r.recordedAt();
    List<Transaction> written = new ArrayList<>();
    Map<ParticipantId, Long> taken = new LinkedHashMap<>();
    Map<ParticipantId, Long> shortfalls = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<TransactionId, Map<AccountId, Long>> part : parts.entrySet()) {
      Map<AccountId, Long> postings = part.getValue();
      postings.values().removeIf(points -> points == 0);
      if (postings.isEmpty()) {
        continue;
      }
      ReversalRequest request = ReversalRequest.partial(poster.key(entry, i == 0 ? "" : ":part:" + i),
          part.getKey(), postings, "return").withPolicy(ShortfallPolicy.bookTo(accounts.clawback()))
          .withMetadata(Map.of("activity", ret.id().value(), "invoice", ret.invoice().value()))
          .effectiveAt(notBefore(effective, part.getKey()));
      Transaction tx;
      try {
        tx = poster.ledger().reverse(request);
      } catch (LedgerException refused) {
        if (written.isEmpty()) {
          throw refused;   // nothing written yet: a refusal of the whole return
        }
        // Earlier parts landed and cannot be undone here: not a refusal, but for a person to look at.
        throw new LoyaltyException("return " + ret.id() + ": part " + (i + 1) + " was refused after " + written.size()
            + " part(s) were written: " + refused.getMessage(), refused);
      }
      written.add(tx);
      i++;
      postings.forEach((account, asked) -> {
        ParticipantId owner = owners.get(account);
        if (owner != null) {
          // the wallet gave what it had; the ledger booked the rest (asked is negative) to clawback
          long gave = -tx.amountFor(account);
          taken.merge(owner, gave, Math::addExact);
          if (gave < -asked) {
            shortfalls.merge(owner, -asked - gave, Math::addExact);
          }
        }
      });
    }
    Receipt done = r.withShortfalls(shortfalls).withTransaction(written.stream().findFirst().map(Transaction::id));
    JournalEntry saved = journal.save(entry.planned(done));
    List<LoyaltyEvent> events = new ArrayList<>();
    if (!written.isEmpty()) {
      TransactionId first = written.get(0).id();
      done.pointsByParticipant().forEach((p, points) -> events.add(new LoyaltyEvent.AwardTakenBack("taken-back:"
          + done.activity() + ":" + p.kind() + ":" + p.value(), done.recordedAt(), done.activity(), p,
          taken.getOrDefault(p, 0L), shortfalls.getOrDefault(p, 0L), first)));
    }
    return new Written(saved, events);
  }

  /**
   * A return dated before its invoice's review approved the points is taken back as of that approval:
   * the points did not exist earlier (the ledger refuses a reversal before its original), and the
   * return's own date still decides everything else (its periods, its rules).
   */
  private Instant notBefore(Instant effective, TransactionId original) {
    Instant posted = poster.ledger().findTransaction(original).orElseThrow(() -> new IllegalStateException(
        "transaction " + original + " is not in the ledger")).effectiveAt();
    return effective.isBefore(posted) ? posted : effective;
  }

  /** The invoice transaction that paid {@code wallet} from {@code source}: its transfer, or its hold's post. */
  private TransactionId originalOf(Receipt invoice, AccountId source, AccountId wallet, SaleReturn ret) {
    if (invoice.holds().isEmpty()) {
      return invoice.transaction().orElseThrow(() -> new IllegalStateException("invoice " + ret.invoice()
          + " has awards but no ledger transaction"));
    }
    return invoice.holds().stream()
        .filter(h -> h.state() == ReviewHold.State.POSTED && h.from().equals(source) && h.to().equals(wallet))
        .findFirst().flatMap(ReviewHold::resolvedBy)
        .orElseThrow(() -> new IllegalStateException("invoice " + ret.invoice() + " has no posted hold from " + source
            + " to " + wallet));
  }
}
