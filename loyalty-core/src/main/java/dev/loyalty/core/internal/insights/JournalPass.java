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

/**
 * {@link ActivityFacts} from one pass over the activity journal's figures ({@link
 * Journal#forEachFigures}: the receipts' statuses, awards, returns and holds, not their sentences and
 * decisions): only complete entries count; an activity counts by its own time, its points by {@link
 * AwardTiming}. Reads a return's invoice and the returns filed before it from the journal (their
 * figures too), and a review hold's post from the ledger. Not thread-safe; one per report.
 */
final class JournalPass {
  private final Program program;
  private final Journal journal;
  private final Ledger ledger;
  private final Instant start;
  private final Instant end;
  private final ActivityFacts facts = new ActivityFacts();

  private JournalPass(Program program, Journal journal, Ledger ledger, DateRange period) {
    this.program = program;
    this.journal = journal;
    this.ledger = ledger;
    this.start = period.start(program.zone());
    this.end = period.end(program.zone());
  }

  /** The facts of {@code period}, from every entry of {@code journal}. */
  static ActivityFacts of(Program program, Journal journal, Ledger ledger, DateRange period) {
    JournalPass pass = new JournalPass(program, journal, ledger, period);
    journal.forEachFigures(pass::visit);
    return pass.facts;
  }

  private boolean inPeriod(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  private void visit(EntryFigures entry) {
    if (!entry.complete()) {
      return;
    }
    Activity activity = entry.activity();
    ReceiptFigures receipt = entry.receipt();
    boolean during = inPeriod(activity.occurredAt());
    Instant posted = AwardTiming.postedAt(activity.occurredAt(), receipt.recordedAt());
    if (receipt.status() == Receipt.Status.RECORDED) {
      if (during) {
        counted(activity);
      }
      awards(receipt, posted);
    } else if (receipt.status() == Receipt.Status.RETURNED) {
      SaleReturn ret = (SaleReturn) activity;
      EntryFigures invoice = journal.findFigures(ret.invoice()).orElseThrow(() -> new IllegalStateException(
          "return " + ret.id() + " names invoice " + ret.invoice() + ", which is not in the journal"));
      if (during) {
        List<SaleReturn> filed = journal.returnFiguresOf(ret.invoice()).stream()
            .map(e -> (SaleReturn) e.activity()).toList();
        BigDecimal drop = ReturnPlanner.salesDrop(ret, (Sale) invoice.activity(), filed).amount();
        addSales(activity, drop.negate());
      }
      if (inPeriod(posted)) {
        for (AwardReturn r : receipt.returns()) {
          facts.takenBack(key(invoice.receipt().awards().get(r.award())), r.points());
        }
      }
    }
  }

  private void counted(Activity activity) {
    facts.active(activity.partner());
    activity.member().ifPresent(facts::active);
    ParticipantId learner = activity.member().<ParticipantId>map(m -> m).orElse(activity.partner());
    if (activity instanceof TrainingCompleted) {
      facts.trainings(learner, 1);
    } else if (activity instanceof CertificationEarned) {
      facts.certifications(learner, 1);
    } else if (activity instanceof Sale sale) {
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
