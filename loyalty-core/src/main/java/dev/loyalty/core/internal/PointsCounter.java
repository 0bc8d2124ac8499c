package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.EarnedPoints;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.PointTotals;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PerformanceStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every participant's earned points (per day, month, quarter and program year, per rule and
 * campaign) as the engine finishes activities, and reads them for the rules. What counts, in the
 * periods of the activity that earned the points:
 *
 * <ul>
 *   <li>a recorded activity's posted points, and an activity held for review's held points (so that
 *       approvals cannot take anyone past a cap a later activity was held to);
 *   <li>a rejection takes the held points back; an approval takes back only what the ledger then
 *       refused to post;
 *   <li>a return takes back what it took from each award, in the periods of its invoice;
 *   <li>blocked and refused activities count nothing.
 * </ul>
 *
 * <p>Each step is applied to a participant at most once ({@link PerformanceStore#applyPoints}), so
 * finishing an activity again counts nothing twice. A member's points count for the member and for
 * its partner's organisation; a partner's for the partner. Callers hold the activity's partner
 * lock. Thread-safe as its stores are.
 */
final class PointsCounter {
  private static final Logger LOG = LoggerFactory.getLogger(PointsCounter.class);

  private final Program program;
  private final PartnerDirectory directory;
  private final PerformanceStore performance;
  private final Journal journal;
  /**
   * The periods of the day last counted or read: activities come mostly in date order, and the
   * same periods are looked up three times per activity (partner, member, counting); one instance
   * per day also keeps a day's period keys shared between participants' running totals.
   */
  private final DayPeriods days;

  PointsCounter(Program program, PartnerDirectory directory, PerformanceStore performance, Journal journal) {
    this.program = requireNonNull(program, "program");
    this.directory = requireNonNull(directory, "directory");
    this.performance = requireNonNull(performance, "performance");
    this.journal = requireNonNull(journal, "journal");
    this.days = new DayPeriods(program.zone(), program.yearEnd());
  }

  /** What {@code participant} had earned in the periods of {@code at}. */
  EarnedPoints earned(ParticipantId participant, Currency currency, Instant at) {
    return EarnedPoints.of(participant, performance.earned(participant, currency, periodsOf(at)));
  }

  /**
   * Counts what finishing {@code planned} (the entry as it was before its ledger step) into
   * {@code written} changed in earned points.
   */
  void count(JournalEntry planned, JournalEntry written) {
    Receipt receipt = written.receipt();
    Activity activity = written.activity();
    List<EarningPeriod> periods = periodsOf(activity.occurredAt());
    switch (receipt.status()) {
      case RECORDED, IN_REVIEW -> {
        // held points were counted when the holds opened; then this step is a replay
        apply(activity, PointsContribution.Step.RECORDED, periods, awarded(receipt.awards(), 1));
        if (receipt.status() == Receipt.Status.RECORDED && !receipt.holds().isEmpty()) {
          apply(activity, PointsContribution.Step.REVIEWED, periods, refusedOnApproval(planned, written));
        }
      }
      case REJECTED -> {
        apply(activity, PointsContribution.Step.RECORDED, periods, awarded(receipt.awards(), 1));
        apply(activity, PointsContribution.Step.REVIEWED, periods, awarded(receipt.awards(), -1));
      }
      case RETURNED -> takenBack((SaleReturn) activity, receipt);
      case BLOCKED, REFUSED -> {
        // nothing was posted or held
      }
    }
  }

  /**
   * What the ledger refused to post when the review was approved, as negative points: awards of
   * {@code written} cut below what {@code planned} held. After a crash between the ledger step and
   * this one, {@code planned} is already the cut entry and nothing is taken back: the totals then
   * keep points that were not paid, which can only make a cap hold earlier, never later.
   */
  private Map<ParticipantId, Totals> refusedOnApproval(JournalEntry planned, JournalEntry written) {
    List<PostedAward> held = planned.receipt().awards();
    List<PostedAward> posted = written.receipt().awards();
    Map<ParticipantId, Totals> cut = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(held.size(), posted.size()); i++) {
      long less = held.get(i).points() - posted.get(i).points();
      if (less > 0) {
        add(cut, posted.get(i).beneficiary(), posted.get(i).rule(), posted.get(i).campaign(), -less);
      }
    }
    return cut;
  }

  /** Every award's points, times {@code sign}, per participant. */
  private Map<ParticipantId, Totals> awarded(List<PostedAward> awards, int sign) {
    Map<ParticipantId, Totals> totals = new LinkedHashMap<>();
    for (PostedAward a : awards) {
      if (a.points() > 0) {
        add(totals, a.beneficiary(), a.rule(), a.campaign(), sign * a.points());
      }
    }
    return totals;
  }

  /** A return's take-backs, in the periods of its invoice, under the rules and campaigns that paid them. */
  private void takenBack(SaleReturn ret, Receipt receipt) {
    JournalEntry invoice = journal.find(ret.invoice()).orElseThrow(() -> new IllegalStateException("return "
        + ret.id() + " names invoice " + ret.invoice() + ", which the journal no longer has"));
    List<PostedAward> awards = invoice.receipt().awards();
    Map<ParticipantId, Totals> totals = new LinkedHashMap<>();
    for (AwardReturn t : receipt.returns()) {
      PostedAward award = awards.get(t.award());
      if (t.points() > 0) {
        add(totals, t.beneficiary(), award.rule(), award.campaign(), -t.points());
      }
    }
    apply(ret, PointsContribution.Step.RECORDED, periodsOf(invoice.activity().occurredAt()), totals);
  }

  /** Adds the points to the beneficiary and, for a member, to its partner's organisation. */
  private void add(Map<ParticipantId, Totals> totals, ParticipantId beneficiary, RuleRef rule,
      Optional<CampaignId> campaign, long points) {
    totals.computeIfAbsent(beneficiary, p -> new Totals()).add(rule.ruleId(), campaign, points);
    if (beneficiary instanceof MemberId member) {
      Optional<PartnerId> employer = directory.member(member).map(Member::partner);
      if (employer.isEmpty()) {
        LOG.warn("member {} left the directory; its points of rule {} count for it alone, not its partner's", member,
            rule);
        return;
      }
      totals.computeIfAbsent(employer.get(), p -> new Totals()).add(rule.ruleId(), campaign, points);
    }
  }

  private void apply(Activity activity, PointsContribution.Step step, List<EarningPeriod> periods,
      Map<ParticipantId, Totals> totals) {
    Currency fallback = directory.partner(activity.partner()).map(Partner::currency).orElse(null);
    totals.forEach((participant, points) -> {
      PointTotals sum = points.toTotals();
      if (sum.isEmpty()) {
        return;
      }
      Currency currency = currencyOf(participant).orElse(fallback);
      if (currency == null) {
        throw new IllegalStateException("partner " + activity.partner() + " left the directory; cannot count points"
            + " of " + activity.id());
      }
      performance.applyPoints(participant, currency, new PointsContribution(activity.id(), step, periods, sum));
    });
  }

  private Optional<Currency> currencyOf(ParticipantId participant) {
    Optional<PartnerId> partner = participant instanceof PartnerId p ? Optional.of(p)
        : directory.member((MemberId) participant).map(Member::partner);
    return partner.flatMap(directory::partner).map(Partner::currency);
  }

  private List<EarningPeriod> periodsOf(Instant at) {
    return days.periodsOf(at);
  }

  /** The day, in the program's zone, that {@code at} is in. */
  LocalDate dayOf(Instant at) {
    return days.dayOf(at);
  }

  /** Points per rule and campaign being added up. */
  private static final class Totals {
    // sorted, so that PointTotals keeps them as sorted arrays and a running total merges them in one pass
    private final Map<String, Long> byRule = new TreeMap<>();
    private final Map<CampaignId, Long> byCampaign = new TreeMap<>();

    void add(String rule, Optional<CampaignId> campaign, long points) {
      byRule.merge(rule, points, Math::addExact);
      if (campaign.isPresent()) {
        byCampaign.merge(campaign.get(), points, Math::addExact);
      }
    }

    PointTotals toTotals() {
      return new PointTotals(byRule, byCampaign);
    }
  }
}
