package dev.loyalty.core.internal.insights;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.PostedAward;
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
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pass over the activity journal for one period: who was active, who trained or certified,
 * each participant's net sales, and the points each rule and campaign awarded and had taken back,
 * per beneficiary. Only complete entries count; an activity counts by its own time, its points by
 * the effective time of the ledger transaction that posted or took them back (the activity's time,
 * or the recording time if that was earlier; an approved review's hold posts, their own). Not
 * thread-safe; one per report.
 */
final class ActivityFacts {

  /**
   * Points of one rule and campaign to one beneficiary.
   *
   * @param beneficiary never null
   * @param rule        never null
   * @param campaign    never null
   */
  record CostKey(ParticipantId beneficiary, RuleRef rule, Optional<CampaignId> campaign) {
  }

  /** Awarded and taken-back points of one {@link CostKey}. */
  static final class Cost {
    long awarded;
    long takenBack;
  }

  private final Program program;
  private final Journal journal;
  private final Ledger ledger;
  private final Instant start;
  private final Instant end;
  final Set<ParticipantId> active = new HashSet<>();
  final Map<ParticipantId, Long> trainings = new HashMap<>();
  final Map<ParticipantId, Long> certifications = new HashMap<>();
  final Map<ParticipantId, BigDecimal> sales = new HashMap<>();
  final Map<CostKey, Cost> costs = new HashMap<>();

  ActivityFacts(Program program, Journal journal, Ledger ledger, DateRange period) {
    this.program = program;
    this.journal = journal;
    this.ledger = ledger;
    this.start = period.start(program.zone());
    this.end = period.end(program.zone());
    journal.forEach(this::visit);
  }

  private boolean inPeriod(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  private void visit(JournalEntry entry) {
    if (!entry.complete()) {
      return;
    }
    Activity activity = entry.activity();
    Receipt receipt = entry.receipt();
    boolean during = inPeriod(activity.occurredAt());
    if (receipt.status() == Receipt.Status.RECORDED) {
      if (during) {
        counted(activity);
      }
      awards(activity, receipt);
    } else if (receipt.status() == Receipt.Status.RETURNED) {
      SaleReturn ret = (SaleReturn) activity;
      JournalEntry invoice = journal.find(ret.invoice()).orElseThrow(() -> new IllegalStateException("return "
          + ret.id() + " names invoice " + ret.invoice() + ", which is not in the journal"));
      if (during) {
        BigDecimal drop = ReturnPlanner.plan(ret, invoice, journal.returnsOf(ret.invoice())).salesDrop().amount();
        addSales(activity, drop.negate());
      }
      if (inPeriod(postedAt(activity, receipt))) {
        for (AwardReturn r : receipt.returns()) {
          PostedAward award = invoice.receipt().awards().get(r.award());
          cost(award).takenBack += r.points();
        }
      }
    }
  }

  private void counted(Activity activity) {
    active.add(activity.partner());
    activity.member().ifPresent(active::add);
    ParticipantId learner = activity.member().<ParticipantId>map(m -> m).orElse(activity.partner());
    if (activity instanceof TrainingCompleted) {
      trainings.merge(learner, 1L, Long::sum);
    } else if (activity instanceof CertificationEarned) {
      certifications.merge(learner, 1L, Long::sum);
    } else if (activity instanceof Sale sale) {
      addSales(activity, sale.total().amount());
    }
  }

  private void addSales(Activity activity, BigDecimal amount) {
    sales.merge(activity.partner(), amount, BigDecimal::add);
    activity.member().ifPresent(m -> sales.merge(m, amount, BigDecimal::add));
  }

  private void awards(Activity activity, Receipt receipt) {
    Instant posted = postedAt(activity, receipt);
    for (PostedAward a : receipt.awards()) {
      if (a.points() == 0) {
        continue;
      }
      Instant at = receipt.holds().isEmpty() ? posted : holdPostedAt(receipt, a).orElse(posted);
      if (inPeriod(at)) {
        cost(a).awarded += a.points();
      }
    }
  }

  private Cost cost(PostedAward award) {
    return costs.computeIfAbsent(new CostKey(award.beneficiary(), award.rule(), award.campaign()), k -> new Cost());
  }

  /** As the ledger steps date their transactions: the activity's time, or the recording time if earlier. */
  private static Instant postedAt(Activity activity, Receipt receipt) {
    return activity.occurredAt().isBefore(receipt.recordedAt()) ? activity.occurredAt() : receipt.recordedAt();
  }

  /** The effective time of the hold post that paid {@code award}, for an activity approved in review. */
  private Optional<Instant> holdPostedAt(Receipt receipt, PostedAward award) {
    AccountId source = award.campaign().map(program.accounts()::budget).orElse(program.accounts().issuance());
    AccountId wallet = program.accounts().wallet(award.beneficiary());
    return receipt.holds().stream()
        .filter(h -> h.state() == ReviewHold.State.POSTED && h.from().equals(source) && h.to().equals(wallet))
        .findFirst().flatMap(ReviewHold::resolvedBy).flatMap(ledger::findTransaction).map(Transaction::effectiveAt);
  }
}
