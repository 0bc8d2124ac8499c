package dev.loyalty.core.simulation.internal;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.PeriodCloseReport;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.TierChange;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.simulation.Channel;
import dev.loyalty.core.simulation.SimulationReport;
import dev.loyalty.core.simulation.SimulationReport.Activities;
import dev.loyalty.core.simulation.SimulationReport.CampaignTotal;
import dev.loyalty.core.simulation.SimulationReport.CapTotal;
import dev.loyalty.core.simulation.SimulationReport.Liability;
import dev.loyalty.core.simulation.SimulationReport.ParticipantResult;
import dev.loyalty.core.simulation.SimulationReport.PartnerTotal;
import dev.loyalty.core.simulation.SimulationReport.Points;
import dev.loyalty.core.simulation.SimulationReport.Redemptions;
import dev.loyalty.core.simulation.SimulationReport.RegionTotal;
import dev.loyalty.core.simulation.SimulationReport.RuleTotal;
import dev.loyalty.core.simulation.SimulationReport.TierCount;
import dev.loyalty.core.simulation.SimulationReport.TierMove;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.HistoryPage;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What one simulation run has seen so far, counted from the receipts and period-close reports the
 * engine returned, and the report built from it and the ledger at the end. Per-participant figures
 * live in arrays indexed by the channel's order, so a run of millions of activities keeps a few
 * numbers per participant, not its receipts. One thread at a time.
 */
public final class Tally {
  private final Program program;
  private final Predicate<String> capRules;
  private final int top;
  private final Map<ParticipantId, Integer> index = new HashMap<>();
  private final List<ParticipantId> participants = new ArrayList<>();
  private final List<Partner> organisations = new ArrayList<>();
  private final int partnerCount;

  private final long[] issued;
  private final long[] takenBack;
  private final long[] clawedBack;
  private final long[] redeemed;
  private final long[] activities;
  private final BigDecimal[] invoiced;
  private final TierId[] tier;

  private final Map<String, RuleCount> rules = new TreeMap<>();
  private final Map<CampaignId, CampaignCount> campaigns = new HashMap<>();
  private final Map<String, Long> caps = new TreeMap<>();
  private final Map<List<Optional<TierId>>, Long> moves = new HashMap<>();
  private final Map<String, Long> byKind = new TreeMap<>();
  private final List<String> refusals = new ArrayList<>();
  private final List<String> redemptionRefusals = new ArrayList<>();
  private long redemptionsMade;
  private long redemptionsRefused;
  private final List<Instant> closes = new ArrayList<>();
  private long recorded;
  private long returned;
  private long inReview;
  private long blocked;
  private long refused;
  private long afterAsOf;
  private long replayed;
  private long expired;
  private Instant first;

  /**
   * @param capRules which rule ids are caps (their firings are counted as cap hits)
   * @param top      how many partners the report's top list holds
   */
  public Tally(Program program, Channel channel, Predicate<String> capRules, int top) {
    this.program = program;
    this.capRules = capRules;
    this.top = top;
    Map<PartnerId, Partner> byId = new HashMap<>();
    for (Partner p : channel.partners()) {
      add(p.id(), p);
      byId.put(p.id(), p);
    }
    partnerCount = participants.size();
    for (Member m : channel.members()) {
      add(m.id(), byId.get(m.partner()));
    }
    int n = participants.size();
    issued = new long[n];
    takenBack = new long[n];
    clawedBack = new long[n];
    redeemed = new long[n];
    activities = new long[partnerCount];
    invoiced = new BigDecimal[partnerCount];
    Arrays.fill(invoiced, BigDecimal.ZERO);
    tier = new TierId[n];
    for (Campaign c : program.campaigns()) {
      campaigns.put(c.id(), new CampaignCount());
    }
  }

  private void add(ParticipantId id, Partner organisation) {
    index.put(id, participants.size());
    participants.add(id);
    organisations.add(organisation);
  }

  /** Remembers the earliest activity seen. */
  public void seen(Activity activity) {
    if (first == null || activity.occurredAt().isBefore(first)) {
      first = activity.occurredAt();
    }
  }

  /** An activity dated after the as-of instant. */
  public void afterAsOf() {
    afterAsOf++;
  }

  /** An activity given again: the engine returned its first receipt. */
  public void replayed() {
    replayed++;
  }

  /** An activity the engine refused. */
  public void refused(String message) {
    refused++;
    if (refusals.size() < Activities.MAX_REFUSALS) {
      refusals.add(message);
    }
  }

  /** A redemption paid from {@code wallet}'s points. */
  public void redeemed(ParticipantId wallet, long points) {
    redemptionsMade++;
    redeemed[index.get(wallet)] += points;
  }

  /** A redemption the engine refused. */
  public void redemptionRefused(String message) {
    redemptionsRefused++;
    if (redemptionRefusals.size() < Activities.MAX_REFUSALS) {
      redemptionRefusals.add(message);
    }
  }

  /** A new receipt for {@code activity}. */
  public void receipt(Activity activity, Receipt receipt, LoyaltyEngine engine) {
    switch (receipt.status()) {
      case RECORDED -> recorded++;
      case RETURNED -> returned++;
      case IN_REVIEW -> inReview++;
      case BLOCKED -> blocked++;
      case REJECTED, REFUSED -> {
        refused(receipt.refusal().orElse("activity " + receipt.activity() + " was " + receipt.status()));
        return;
      }
    }
    byKind.merge(activity.kind(), 1L, Long::sum);
    int partner = index.get(activity.partner());
    activities[partner]++;
    if (activity instanceof Sale sale && receipt.status() != Receipt.Status.BLOCKED) {
      invoiced[partner] = invoiced[partner].add(sale.total().amount());
    }
    for (RuleDecision d : receipt.decisions()) {
      if (d.fired()) {
        rule(d.rule().ruleId()).fired(d.rule().version());
        if (capRules.test(d.rule().ruleId())) {
          caps.merge(d.rule().ruleId(), 1L, Long::sum);
        }
      }
    }
    if (receipt.status() == Receipt.Status.RECORDED) {
      LocalDate day = LocalDate.ofInstant(activity.occurredAt(), program.zone());
      for (PostedAward a : receipt.awards()) {
        issued[index.get(a.beneficiary())] += a.points();
        RuleCount r = rule(a.rule().ruleId());
        r.awards++;
        r.issued += a.points();
        r.versions.add(a.rule().version());
        a.campaign().map(campaigns::get).ifPresent(c -> {
          c.issued += a.points();
          if (a.points() < a.requested()) {
            c.cutAwards++;
            c.pointsCut += a.requested() - a.points();
            if (c.exhaustedOn == null) {
              c.exhaustedOn = day;
            }
          }
        });
      }
    }
    if (activity instanceof SaleReturn ret) {
      Receipt invoice = engine.receipt(ret.invoice()).orElseThrow(() -> new IllegalStateException(
          "the engine returned a return of " + ret.invoice() + " but has no receipt of it"));
      for (AwardReturn r : receipt.returns()) {
        PostedAward original = invoice.awards().get(r.award());
        takenBack[index.get(r.beneficiary())] += r.points();
        rule(original.rule().ruleId()).takenBack += r.points();
        original.campaign().map(campaigns::get).ifPresent(c -> c.takenBack += r.points());
      }
      receipt.shortfalls().forEach((p, points) -> clawedBack[index.get(p)] += points);
    }
    receipt.tierChanges().forEach(this::moved);
  }

  /** A period close's changes. */
  public void closed(PeriodCloseReport report) {
    closes.add(report.at());
    expired += report.expiredPoints();
    report.tierChanges().forEach(this::moved);
  }

  private void moved(TierChange change) {
    moves.merge(List.of(change.from(), change.to()), 1L, Long::sum);
    tier[index.get(change.participant())] = change.to().orElse(null);
  }

  private RuleCount rule(String id) {
    return rules.computeIfAbsent(id, k -> new RuleCount());
  }

  /** The report as of {@code asOf}, reading balances, budgets and expiries from the engine's ledger. */
  public SimulationReport report(LoyaltyEngine engine, Instant asOf) {
    Ledger ledger = engine.ledger();
    int n = participants.size();
    long[] expiredOf = expiredPerParticipant(ledger);
    long[] balance = new long[n];
    long[] pending = new long[n];
    for (int i = 0; i < n; i++) {
      Balance b = engine.balance(participants.get(i));
      balance[i] = b.posted();
      pending[i] = b.pendingCredits();
    }

    List<ParticipantResult> results = new ArrayList<>(n);
    long[] orgIssued = new long[partnerCount];
    long[] orgOutstanding = new long[partnerCount];
    Map<String, long[]> regionFigures = new TreeMap<>();   // partners, members, activities, issued, outstanding
    Map<String, Map<Currency, BigDecimal>> regionInvoiced = new TreeMap<>();
    Map<Currency, Long> outstandingByCurrency = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
    Map<Optional<TierId>, long[]> tierCounts = new LinkedHashMap<>();
    for (Tier t : program.tiers()) {
      tierCounts.put(Optional.of(t.id()), new long[2]);
    }
    tierCounts.put(Optional.empty(), new long[2]);
    long totalIssued = 0;
    long totalTaken = 0;
    long totalClawed = 0;
    long totalPending = 0;
    long totalOutstanding = 0;
    long totalExpired = 0;
    long totalRedeemed = 0;
    for (int i = 0; i < n; i++) {
      Partner org = organisations.get(i);
      int o = index.get(org.id());
      boolean isPartner = i < partnerCount;
      Optional<TierId> t = Optional.ofNullable(tier[i]);
      results.add(new ParticipantResult(participants.get(i), org.id(), org.region(), t, issued[i], takenBack[i],
          clawedBack[i], expiredOf[i], redeemed[i], balance[i], pending[i]));
      orgIssued[o] += issued[i];
      orgOutstanding[o] += balance[i];
      long[] region = regionFigures.computeIfAbsent(org.region(), r -> new long[5]);
      region[isPartner ? 0 : 1]++;
      if (isPartner) {
        region[2] += activities[i];
        regionInvoiced.computeIfAbsent(org.region(), r -> new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode)))
            .merge(org.currency(), invoiced[i], BigDecimal::add);
      }
      region[3] += issued[i];
      region[4] += balance[i];
      outstandingByCurrency.merge(org.currency(), balance[i], Math::addExact);
      tierCounts.computeIfAbsent(t, k -> new long[2])[isPartner ? 0 : 1]++;
      totalIssued = Math.addExact(totalIssued, issued[i]);
      totalTaken = Math.addExact(totalTaken, takenBack[i]);
      totalClawed = Math.addExact(totalClawed, clawedBack[i]);
      totalPending = Math.addExact(totalPending, pending[i]);
      totalOutstanding = Math.addExact(totalOutstanding, balance[i]);
      totalExpired = Math.addExact(totalExpired, expiredOf[i]);
      totalRedeemed = Math.addExact(totalRedeemed, redeemed[i]);
    }
    if (totalExpired != expired) {
      throw new IllegalStateException("the period closes expired " + expired + " points but the wallets lost "
          + totalExpired + " to expiry");
    }

    List<Liability> liability = new ArrayList<>();
    outstandingByCurrency.forEach((currency, points) -> liability.add(new Liability(currency.getCurrencyCode(), points,
        Optional.ofNullable(program.pointValue().get(currency))
            .map(value -> Money.of(value.multiply(BigDecimal.valueOf(points)), currency)))));

    List<RuleTotal> ruleTotals = new ArrayList<>();
    rules.forEach((id, r) -> ruleTotals.add(new RuleTotal(id, List.copyOf(new TreeSet<>(r.versions)), r.fired, r.awards,
        r.issued, r.takenBack)));

    List<CampaignTotal> campaignTotals = new ArrayList<>();
    for (Campaign c : program.campaigns()) {
      CampaignCount count = campaigns.get(c.id());
      AccountId budget = program.accounts().budget(c.id());
      long left = ledger.account(budget).isPresent() ? ledger.balance(budget).posted() : 0;
      campaignTotals.add(new CampaignTotal(c.id(), c.budget(), count.issued, count.takenBack, left, count.cutAwards,
          count.pointsCut, Optional.ofNullable(count.exhaustedOn)));
    }

    List<CapTotal> capTotals = new ArrayList<>();
    caps.forEach((rule, hits) -> capTotals.add(new CapTotal(rule, hits)));

    List<TierCount> tiers = new ArrayList<>();
    tierCounts.forEach((t, counts) -> tiers.add(new TierCount(t, counts[0], counts[1])));

    List<TierMove> tierMoves = new ArrayList<>();
    moves.forEach((fromTo, count) -> tierMoves.add(new TierMove(fromTo.get(0), fromTo.get(1), count)));
    tierMoves.sort(Comparator.comparingLong(TierMove::count).reversed()
        .thenComparing(m -> m.from().map(TierId::value).orElse(""))
        .thenComparing(m -> m.to().map(TierId::value).orElse("")));

    List<RegionTotal> regions = new ArrayList<>();
    regionFigures.forEach((region, f) -> {
      List<Money> money = new ArrayList<>();
      regionInvoiced.getOrDefault(region, Map.of()).forEach((currency, amount) -> money.add(Money.of(amount, currency)));
      regions.add(new RegionTotal(region, f[0], f[1], f[2], money, f[3], f[4]));
    });

    List<Integer> ranked = new ArrayList<>();
    for (int i = 0; i < partnerCount; i++) {
      ranked.add(i);
    }
    ranked.sort(Comparator.<Integer>comparingLong(i -> orgIssued[i]).reversed()
        .thenComparing(i -> participants.get(i).value()));
    List<PartnerTotal> topPartners = new ArrayList<>();
    for (int i : ranked.subList(0, Math.min(top, ranked.size()))) {
      Partner p = organisations.get(i);
      topPartners.add(new PartnerTotal(p.id(), p.name(), p.type().name(), p.region(), Optional.ofNullable(tier[i]),
          activities[i], Money.of(invoiced[i], p.currency()), orgIssued[i], orgOutstanding[i]));
    }

    Activities counts = new Activities(recorded, returned, inReview, blocked, refused, afterAsOf, replayed, byKind,
        refusals);
    Points points = new Points(totalIssued, totalTaken, totalClawed, expired, totalRedeemed, totalPending,
        totalOutstanding);
    Redemptions redemptions = new Redemptions(redemptionsMade, redemptionsRefused, totalRedeemed, redemptionRefusals);
    return new SimulationReport(program.id(), Optional.ofNullable(first), asOf, closes, counts, redemptions, points,
        liability, ruleTotals, campaignTotals, capTotals, tiers, tierMoves, regions, topPartners, results);
  }

  /** What each wallet lost to expiry, from the breakage account's expiry transactions. */
  private long[] expiredPerParticipant(Ledger ledger) {
    long[] out = new long[participants.size()];
    AccountId breakage = program.accounts().breakage();
    if (ledger.account(breakage).isEmpty()) {
      return out;
    }
    Optional<TransactionId> after = Optional.empty();
    do {
      HistoryPage page = ledger.history(breakage, after, 1_000);
      for (Transaction tx : page.transactions()) {
        if (tx.type() != TransactionType.EXPIRY) {
          continue;
        }
        for (Posting p : tx.postings()) {
          Optional<ParticipantId> owner = program.accounts().walletOwner(p.account());
          if (owner.isPresent() && p.amount() < 0) {
            Integer i = index.get(owner.get());
            if (i != null) {
              out[i] += -p.amount();
            }
          }
        }
      }
      after = page.next();
    } while (after.isPresent());
    return out;
  }

  /** One rule's counts. */
  private static final class RuleCount {
    final TreeSet<String> versions = new TreeSet<>();
    long fired;
    long awards;
    long issued;
    long takenBack;

    void fired(String version) {
      fired++;
      versions.add(version);
    }
  }

  /** One campaign's counts. */
  private static final class CampaignCount {
    long issued;
    long takenBack;
    long cutAwards;
    long pointsCut;
    LocalDate exhaustedOn;
  }
}
