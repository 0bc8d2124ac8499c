package dev.loyalty.core.internal.insights;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.ReviewHold;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.insights.DateRange;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.internal.insights.InsightsReads.Part;
import dev.loyalty.core.internal.ReturnPlanner;
import dev.loyalty.core.internal.journal.EntryFigures;
import dev.loyalty.core.internal.journal.ReceiptFigures;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.Program;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@link ActivityFacts} from one pass over the activity journal, filling the {@link
 * InsightsReads.Part}s asked: for the points (costs), the receipts' figures ({@link
 * Journal#forEachFigures}: statuses, awards, returns and holds, not their sentences and decisions);
 * for participation and sales alone, only their statuses ({@link Journal#forEachCompleteStatus}).
 * Only complete entries count; an activity counts by its own time, its points by {@link
 * AwardTiming}. Reads a return's invoice and the returns filed before it from the journal (their
 * figures too), and a review hold's post from the ledger. Not thread-safe; one per report.
 */
final class JournalPass {
  private final Program program;
  private final Journal journal;
  private final Ledger ledger;
  private final Instant start;
  private final Instant end;
  private final boolean participation;
  private final boolean sales;
  private final ActivityFacts facts = new ActivityFacts();

  private JournalPass(Program program, Journal journal, Ledger ledger, DateRange period, Set<Part> parts) {
    this.program = program;
    this.journal = journal;
    this.ledger = ledger;
    this.start = period.start(program.zone());
    this.end = period.end(program.zone());
    this.participation = parts.contains(Part.PARTICIPATION);
    this.sales = parts.contains(Part.SALES);
  }

  /** The {@code parts} of the facts of {@code period}, from every entry of {@code journal}. */
  static ActivityFacts of(Program program, Journal journal, Ledger ledger, DateRange period, Set<Part> parts) {
    JournalPass pass = new JournalPass(program, journal, ledger, period, parts);
    if (parts.contains(Part.COSTS)) {
      journal.forEachFigures(pass::visit);
    } else {
      journal.forEachCompleteStatus(pass::activity);
    }
    return pass.facts;
  }

  private boolean inPeriod(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  /** Counts a complete entry's activity, then its receipt's points. */
  private void visit(EntryFigures entry) {
    if (!entry.complete()) {
      return;
    }
    Activity activity = entry.activity();
    ReceiptFigures receipt = entry.receipt();
    activity(activity, receipt.status());
    Instant posted = AwardTiming.postedAt(activity.occurredAt(), receipt.recordedAt());
    if (receipt.status() == Receipt.Status.RECORDED) {
      awards(receipt, posted);
    } else if (receipt.status() == Receipt.Status.RETURNED && inPeriod(posted)) {
      List<ReceiptFigures.Award> awards = invoice((SaleReturn) activity).receipt().awards();
      for (AwardReturn r : receipt.returns()) {
        facts.takenBack(key(awards.get(r.award())), r.points());
      }
    }
  }

  /** Counts the activity of a complete entry whose receipt has {@code status}, if it is in the period. */
  private void activity(Activity activity, Receipt.Status status) {
    if (!inPeriod(activity.occurredAt())) {
      return;
    }
    if (status == Receipt.Status.RECORDED) {
      counted(activity);
    } else if (status == Receipt.Status.RETURNED && sales) {
      SaleReturn ret = (SaleReturn) activity;
      List<SaleReturn> filed = journal.returnFiguresOf(ret.invoice()).stream()
          .map(e -> (SaleReturn) e.activity()).toList();
      BigDecimal drop = ReturnPlanner.salesDrop(ret, (Sale) invoice(ret).activity(), filed).amount();
      addSales(activity, drop.negate());
    }
  }

  private EntryFigures invoice(SaleReturn ret) {
    return journal.findFigures(ret.invoice()).orElseThrow(() -> new IllegalStateException("return " + ret.id()
        + " names invoice " + ret.invoice() + ", which is not in the journal"));
  }

  private void counted(Activity activity) {
    if (participation) {
      facts.active(activity.partner());
      activity.member().ifPresent(facts::active);
      ParticipantId learner = activity.member().<ParticipantId>map(m -> m).orElse(activity.partner());
      if (activity instanceof TrainingCompleted) {
        facts.trainings(learner, 1);
      } else if (activity instanceof CertificationEarned) {
        facts.certifications(learner, 1);
      }
    }
    if (sales && activity instanceof Sale sale) {
      addSales(activity, sale.total().amount());
    }
  }

  private void addSales(Activity activity, BigDecimal amount) {
    facts.sales(activity.partner(), amount);
    activity.member().ifPresent(m -> facts.sales(m, amount));
  }

  private void awards(ReceiptFigures receipt, Instant posted) {
    boolean held = !receipt.holds().isEmpty();
    List<AwardTiming.PostedHold> posts = held ? receipt.holds().stream()
        .filter(h -> h.state() == ReviewHold.State.POSTED)
        .map(h -> new AwardTiming.PostedHold(h.from(), h.to(),
            h.resolvedBy().flatMap(ledger::findTransaction).map(Transaction::effectiveAt)))
        .toList() : List.of();
    for (ReceiptFigures.Award a : receipt.awards()) {
      if (a.points() != 0
          && inPeriod(AwardTiming.awardedAt(program.accounts(), posted, held, posts, a.beneficiary(), a.campaign()))) {
        facts.awarded(key(a), a.points());
      }
    }
  }

  private static ActivityFacts.CostKey key(ReceiptFigures.Award award) {
    return new ActivityFacts.CostKey(award.beneficiary(), award.rule(), award.campaign());
  }
}
