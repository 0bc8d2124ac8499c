package dev.loyalty.core.internal.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.insights.BudgetBurn;
import dev.loyalty.core.insights.CampaignUplift;
import dev.loyalty.core.insights.CurrencyMismatchException;
import dev.loyalty.core.insights.DateRange;
import dev.loyalty.core.insights.EarnedBadge;
import dev.loyalty.core.insights.Forecast;
import dev.loyalty.core.insights.Forecaster;
import dev.loyalty.core.insights.Insights;
import dev.loyalty.core.insights.Leaderboard;
import dev.loyalty.core.insights.LeaderboardQuery;
import dev.loyalty.core.insights.LiabilityProjection;
import dev.loyalty.core.insights.MonthlySeries;
import dev.loyalty.core.insights.ParticipantFilter;
import dev.loyalty.core.insights.ProgramKpis;
import dev.loyalty.core.insights.TierDistribution;
import dev.loyalty.core.insights.TierMove;
import dev.loyalty.core.insights.TierMovement;
import dev.loyalty.core.insights.UnknownCampaignException;
import dev.loyalty.core.insights.internal.Decimals;
import dev.loyalty.core.internal.Badges;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.spi.TierHistory;
import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Transaction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The insights capability ({@code engine.insights()}): reads the directory, the tier history and the
 * badges, and the sums of the ledger and the journal through {@link InsightsReads} (a pass over the
 * stores, or SQL aggregates in PostgreSQL), and never writes. Every figure is defined in
 * docs/INSIGHTS.md. Thread-safe: each call works on its own state.
 */
public final class InsightsService implements Insights {
  /** Points carry no currency; a series of them is kept in ISO 4217's "no currency". */
  private static final Currency POINTS = Currency.getInstance("XXX");

  private final Program program;
  private final Ledger ledger;
  private final PartnerDirectory directory;
  private final PerformanceStore performance;
  private final TierHistory history;
  private final Badges badges;
  private final InsightsReads reads;
  private final WalletFlow flows;

  /**
   * Insights into {@code program} from the engine's stores; the sums of the ledger and the journal
   * come from {@code reads}.
   */
  public InsightsService(Program program, Ledger ledger, PartnerDirectory directory, PerformanceStore performance,
      TierHistory history, Badges badges, InsightsReads reads) {
    this.program = requireNonNull(program, "program");
    this.ledger = requireNonNull(ledger, "ledger");
    this.directory = requireNonNull(directory, "directory");
    this.performance = requireNonNull(performance, "performance");
    this.history = requireNonNull(history, "history");
    this.badges = requireNonNull(badges, "badges");
    this.reads = requireNonNull(reads, "reads");
    this.flows = new WalletFlow(program);
  }

  private Population population() {
    return new Population(directory, history, performance, program.zone());
  }

  // ---------------------------------------------------------------------------------------------
  // KPIs

  /** One participant's wallet over a period. */
  private static final class WalletTotals {
    long opening;
    long issued;
    long takenBack;
    long shortfall;
    long redeemed;
    long expired;
    long other;
    long expiredToEnd;
    long redeemedToEnd;
    boolean redeemedInPeriod;

    long closing() {
      long flow = Math.subtractExact(Math.subtractExact(Math.subtractExact(issued, takenBack), redeemed), expired);
      return Math.addExact(opening, Math.addExact(flow, other));
    }

    long netIssued() {
      return Math.subtractExact(Math.subtractExact(issued, takenBack), shortfall);
    }
  }

  /**
   * The wallets of the participants of {@code pop} that {@code counted} accepts, each summed over
   * {@code [start, end)}; a wallet with nothing posted before {@code end} may be missing.
   */
  private Map<ParticipantId, WalletTotals> wallets(Population pop, Instant start, Instant end,
      Predicate<ParticipantId> counted) {
    Set<AccountId> counting = new HashSet<>();
    for (ParticipantId p : pop.participants()) {
      if (counted.test(p)) {
        counting.add(program.accounts().wallet(p));
      }
    }
    Map<ParticipantId, WalletTotals> totals = new LinkedHashMap<>();
    reads.walletFlows(counting, List.of(start, end)).forEach(f -> {
      ParticipantId owner = program.accounts().walletOwner(f.wallet()).orElseThrow();
      WalletTotals t = totals.computeIfAbsent(owner, o -> new WalletTotals());
      if (f.kind() == WalletFlow.Kind.EXPIRED) {
        t.expiredToEnd = Math.subtractExact(t.expiredToEnd, f.amount());
      } else if (f.kind() == WalletFlow.Kind.REDEEMED) {
        t.redeemedToEnd = Math.subtractExact(t.redeemedToEnd, f.amount());
      }
      if (f.bucket() == 0) {
        t.opening = Math.addExact(t.opening, f.amount());
        return;
      }
      switch (f.kind()) {
        case ISSUED -> t.issued = Math.addExact(t.issued, f.amount());
        case TAKEN_BACK -> t.takenBack = Math.subtractExact(t.takenBack, f.amount());
        case REDEEMED -> {
          t.redeemed = Math.subtractExact(t.redeemed, f.amount());
          t.redeemedInPeriod |= f.debits() < 0;   // a redemption paid, whatever refunds follow
        }
        case EXPIRED -> t.expired = Math.subtractExact(t.expired, f.amount());
        case OTHER -> t.other = Math.addExact(t.other, f.amount());
      }
    });
    // A return's shortfall is on the clawback account's side: a wallet that gave nothing has no posting.
    AccountId clawback = program.accounts().clawback();
    if (ledger.account(clawback).isPresent()) {
      StoreReads.forEachTransaction(ledger, clawback, tx -> {
        if (tx.effectiveAt().isBefore(start) || !tx.effectiveAt().isBefore(end)) {
          return;
        }
        flows.shortfalls(tx).forEach((wallet, points) -> program.accounts().walletOwner(wallet)
            .filter(owner -> counting.contains(wallet))
            .ifPresent(owner -> {
              WalletTotals t = totals.computeIfAbsent(owner, o -> new WalletTotals());
              t.shortfall = Math.addExact(t.shortfall, points);
            }));
      });
    }
    return totals;
  }

  @Override
  public ProgramKpis kpis(DateRange period, ParticipantFilter filter) {
    requireNonNull(period, "period");
    requireNonNull(filter, "filter");
    Population pop = population();
    LocalDate day = period.to();
    Map<ParticipantId, Boolean> countedCache = new HashMap<>();
    Predicate<ParticipantId> counted = p -> countedCache.computeIfAbsent(p, q -> pop.counts(filter, q, day));
    Map<ParticipantId, WalletTotals> wallets = wallets(pop, period.start(program.zone()), period.end(program.zone()),
        counted);
    ActivityFacts facts = reads.activities(period, EnumSet.of(InsightsReads.Part.PARTICIPATION,
        InsightsReads.Part.COSTS));

    long[] partners = new long[2];
    long[] members = new long[2];
    long trained = 0;
    long certified = 0;
    long trainings = 0;
    long certifications = 0;
    for (ParticipantId p : pop.participants()) {
      if (!pop.enrolledBy(p, day) || !counted.test(p)) {
        continue;
      }
      long[] kind = p instanceof PartnerId ? partners : members;
      kind[0]++;
      WalletTotals w = wallets.get(p);
      if (facts.active.contains(p) || (w != null && w.redeemedInPeriod)) {
        kind[1]++;
      }
      long t = facts.trainings.getOrDefault(p, 0L);
      long c = facts.certifications.getOrDefault(p, 0L);
      trainings += t;
      certifications += c;
      trained += t > 0 ? 1 : 0;
      certified += c > 0 ? 1 : 0;
    }
    long enrolled = partners[0] + members[0];
    return new ProgramKpis(program.id(), period, filter, participation(partners), participation(members),
        flow(wallets.values()), liability(day, pop, wallets), tierDistribution(pop, day, filter),
        tierMovement(pop, period.from().minusDays(1), day, filter), ruleCosts(facts, counted, pop),
        campaignCosts(facts, counted, pop), new ProgramKpis.Learning(enrolled, trainings, trained, certifications,
            certified, Decimals.ratio(trained, enrolled), Decimals.ratio(certified, enrolled)));
  }

  private static ProgramKpis.Participation participation(long[] counts) {
    return new ProgramKpis.Participation(counts[0], counts[1], Decimals.ratio(counts[1], counts[0]));
  }

  private static ProgramKpis.PointsFlow flow(Iterable<WalletTotals> wallets) {
    WalletTotals sum = new WalletTotals();
    long closing = 0;
    for (WalletTotals w : wallets) {
      sum.opening = Math.addExact(sum.opening, w.opening);
      sum.issued = Math.addExact(sum.issued, w.issued);
      sum.takenBack = Math.addExact(sum.takenBack, w.takenBack);
      sum.shortfall = Math.addExact(sum.shortfall, w.shortfall);
      sum.redeemed = Math.addExact(sum.redeemed, w.redeemed);
      sum.expired = Math.addExact(sum.expired, w.expired);
      sum.other = Math.addExact(sum.other, w.other);
      closing = Math.addExact(closing, w.closing());
    }
    long net = sum.netIssued();
    return new ProgramKpis.PointsFlow(sum.opening, sum.issued, sum.takenBack, sum.shortfall, sum.redeemed,
        sum.expired, sum.other, closing, Decimals.ratio(sum.redeemed, net), Decimals.ratio(sum.expired, net));
  }

  private ProgramKpis.Liability liability(LocalDate day, Population pop, Map<ParticipantId, WalletTotals> wallets) {
    long points = 0;
    long expired = 0;
    long redeemed = 0;
    Map<Currency, Long> byCurrency = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
    program.pointValue().keySet().forEach(c -> byCurrency.put(c, 0L));
    long unvalued = 0;
    for (Map.Entry<ParticipantId, WalletTotals> e : wallets.entrySet()) {
      WalletTotals w = e.getValue();
      long closing = w.closing();
      points = Math.addExact(points, closing);
      expired = Math.addExact(expired, w.expiredToEnd);
      redeemed = Math.addExact(redeemed, w.redeemedToEnd);
      Currency currency = pop.partnerOf(e.getKey()).orElseThrow().currency();
      if (program.pointValue().containsKey(currency)) {
        byCurrency.merge(currency, closing, Math::addExact);
      } else {
        unvalued = Math.addExact(unvalued, closing);
      }
    }
    List<ProgramKpis.CurrencyLiability> valued = new ArrayList<>();
    long left = Math.addExact(expired, redeemed);
    for (Map.Entry<Currency, Long> e : byCurrency.entrySet()) {
      BigDecimal value = program.pointValue().get(e.getKey());
      BigDecimal gross = BigDecimal.valueOf(e.getValue()).multiply(value);
      // gross x redeemed / (expired + redeemed): one division, rounded once
      BigDecimal net = left <= 0 ? gross : gross.multiply(BigDecimal.valueOf(redeemed))
          .divide(BigDecimal.valueOf(left), Math.max(0, e.getKey().getDefaultFractionDigits()), RoundingMode.HALF_EVEN);
      valued.add(new ProgramKpis.CurrencyLiability(e.getKey(), e.getValue(), value, gross, net));
    }
    return new ProgramKpis.Liability(day, points, expired, redeemed, Decimals.ratio(expired, left), valued, unvalued);
  }

  private List<ProgramKpis.RuleCost> ruleCosts(ActivityFacts facts, Predicate<ParticipantId> counted,
      Population pop) {
    Map<RuleRef, List<Map.Entry<ActivityFacts.CostKey, ActivityFacts.Cost>>> byRule =
        new TreeMap<>(Comparator.comparing(RuleRef::ruleId)
            .thenComparing(RuleRef::version));
    for (Map.Entry<ActivityFacts.CostKey, ActivityFacts.Cost> e : facts.costs.entrySet()) {
      if (counted.test(e.getKey().beneficiary())) {
        byRule.computeIfAbsent(e.getKey().rule(), r -> new ArrayList<>()).add(e);
      }
    }
    List<ProgramKpis.RuleCost> costs = new ArrayList<>();
    byRule.forEach((rule, entries) -> {
      CostSum sum = sum(entries, pop);
      costs.add(new ProgramKpis.RuleCost(rule, sum.awarded, sum.takenBack, sum.net(), sum.values()));
    });
    return costs;
  }

  private List<ProgramKpis.CampaignCost> campaignCosts(ActivityFacts facts, Predicate<ParticipantId> counted,
      Population pop) {
    Map<CampaignId, List<Map.Entry<ActivityFacts.CostKey, ActivityFacts.Cost>>> byCampaign = new LinkedHashMap<>();
    program.campaigns().forEach(c -> byCampaign.put(c.id(), new ArrayList<>()));
    for (Map.Entry<ActivityFacts.CostKey, ActivityFacts.Cost> e : facts.costs.entrySet()) {
      if (e.getKey().campaign().isPresent() && counted.test(e.getKey().beneficiary())) {
        byCampaign.computeIfAbsent(e.getKey().campaign().get(), c -> new ArrayList<>()).add(e);
      }
    }
    List<ProgramKpis.CampaignCost> costs = new ArrayList<>();
    byCampaign.forEach((campaign, entries) -> {
      CostSum sum = sum(entries, pop);
      costs.add(new ProgramKpis.CampaignCost(campaign, sum.awarded, sum.takenBack, sum.net(), sum.values()));
    });
    return costs;
  }

  /** Points of cost entries, valued per beneficiary currency. */
  private final class CostSum {
    long awarded;
    long takenBack;
    final Map<Currency, Long> byCurrency = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));

    long net() {
      return Math.subtractExact(awarded, takenBack);
    }

    List<ProgramKpis.MoneyValue> values() {
      List<ProgramKpis.MoneyValue> values = new ArrayList<>();
      byCurrency.forEach((currency, points) -> {
        BigDecimal value = program.pointValue().get(currency);
        if (value != null) {
          values.add(new ProgramKpis.MoneyValue(currency, points, BigDecimal.valueOf(points).multiply(value)));
        }
      });
      return values;
    }
  }

  private CostSum sum(List<Map.Entry<ActivityFacts.CostKey, ActivityFacts.Cost>> entries, Population pop) {
    CostSum sum = new CostSum();
    for (Map.Entry<ActivityFacts.CostKey, ActivityFacts.Cost> e : entries) {
      ActivityFacts.Cost c = e.getValue();
      sum.awarded = Math.addExact(sum.awarded, c.awarded);
      sum.takenBack = Math.addExact(sum.takenBack, c.takenBack);
      long net = Math.subtractExact(c.awarded, c.takenBack);
      pop.partnerOf(e.getKey().beneficiary()).ifPresent(p -> sum.byCurrency.merge(p.currency(), net, Math::addExact));
    }
    return sum;
  }

  // ---------------------------------------------------------------------------------------------
  // Tiers

  @Override
  public TierDistribution tierDistribution(LocalDate day, ParticipantFilter filter) {
    return tierDistribution(population(), requireNonNull(day, "day"), requireNonNull(filter, "filter"));
  }

  private TierDistribution tierDistribution(Population pop, LocalDate day, ParticipantFilter filter) {
    Map<Optional<TierId>, long[]> partners = tierSlots();
    Map<Optional<TierId>, long[]> members = tierSlots();
    for (ParticipantId p : pop.participants()) {
      if (pop.enrolledBy(p, day) && pop.counts(filter, p, day)) {
        Map<Optional<TierId>, long[]> slots = p instanceof PartnerId ? partners : members;
        slots.computeIfAbsent(pop.tierAt(p, day), t -> new long[1])[0]++;
      }
    }
    return new TierDistribution(day, counts(partners), counts(members));
  }

  /** "No tier", then the program's tiers lowest first; a retired tier a participant still holds is added after. */
  private Map<Optional<TierId>, long[]> tierSlots() {
    Map<Optional<TierId>, long[]> slots = new LinkedHashMap<>();
    slots.put(Optional.empty(), new long[1]);
    for (Tier t : program.tiers()) {
      slots.put(Optional.of(t.id()), new long[1]);
    }
    return slots;
  }

  private static List<TierDistribution.TierCount> counts(Map<Optional<TierId>, long[]> slots) {
    List<TierDistribution.TierCount> counts = new ArrayList<>();
    slots.forEach((tier, n) -> counts.add(new TierDistribution.TierCount(tier, n[0])));
    return counts;
  }

  @Override
  public TierMovement tierMovement(LocalDate from, LocalDate to, ParticipantFilter filter) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(filter, "filter");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("a tier movement cannot end (" + to + ") before it starts (" + from + ")");
    }
    return tierMovement(population(), from, to, filter);
  }

  private TierMovement tierMovement(Population pop, LocalDate from, LocalDate to, ParticipantFilter filter) {
    List<Optional<TierId>> order = new ArrayList<>(tierSlots().keySet());
    Map<List<Optional<TierId>>, long[]> partners = new LinkedHashMap<>();
    Map<List<Optional<TierId>>, long[]> members = new LinkedHashMap<>();
    for (Optional<TierId> a : order) {
      for (Optional<TierId> b : order) {
        partners.put(List.of(a, b), new long[1]);
        members.put(List.of(a, b), new long[1]);
      }
    }
    for (ParticipantId p : pop.participants()) {
      if (pop.enrolledBy(p, to) && pop.counts(filter, p, to)) {
        Map<List<Optional<TierId>>, long[]> cells = p instanceof PartnerId ? partners : members;
        cells.computeIfAbsent(List.of(pop.tierAt(p, from), pop.tierAt(p, to)), k -> new long[1])[0]++;
      }
    }
    return new TierMovement(from, to, cells(partners), cells(members));
  }

  private static List<TierMovement.Cell> cells(Map<List<Optional<TierId>>, long[]> cells) {
    List<TierMovement.Cell> list = new ArrayList<>();
    cells.forEach((pair, n) -> list.add(new TierMovement.Cell(pair.get(0), pair.get(1), n[0])));
    return list;
  }

  @Override
  public List<TierMove> tierHistory(ParticipantId participant) {
    return history.of(requireNonNull(participant, "participant"));
  }

  @Override
  public Optional<TierId> tierAt(ParticipantId participant, LocalDate day) {
    requireNonNull(participant, "participant");
    requireNonNull(day, "day");
    return population().tierAt(participant, day);
  }

  @Override
  public List<EarnedBadge> badges(ParticipantId participant) {
    return badges.of(requireNonNull(participant, "participant"));
  }

  // ---------------------------------------------------------------------------------------------
  // Campaigns

  private Campaign campaign(CampaignId id) {
    requireNonNull(id, "campaign");
    return program.campaign(id).orElseThrow(() -> new UnknownCampaignException("program " + program.id()
        + " has no campaign " + id));
  }

  @Override
  public CampaignUplift campaignUplift(CampaignId id, DateRange baseline, LocalDate asOf) {
    Campaign campaign = campaign(id);
    requireNonNull(baseline, "baseline");
    requireNonNull(asOf, "asOf");
    if (asOf.isBefore(campaign.startsOn())) {
      throw new IllegalArgumentException("campaign " + id + " starts on " + campaign.startsOn()
          + "; there is no uplift to measure as of " + asOf);
    }
    DateRange during = DateRange.of(campaign.startsOn(), asOf.isBefore(campaign.endsOn()) ? asOf : campaign.endsOn());
    Population pop = population();
    Instant starts = during.start(program.zone());
    ActivityFacts before = reads.activities(baseline, EnumSet.of(InsightsReads.Part.SALES));
    ActivityFacts within = reads.activities(during, EnumSet.of(InsightsReads.Part.SALES));
    Map<Currency, Group[]> groups = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
    for (Partner partner : pop.partners()) {
      if (!pop.enrolledBy(partner.id(), during.to())) {
        continue;
      }
      boolean targeted = campaign.target().includes(partner, pop.tierBefore(partner.id(), starts));
      Group[] pair = groups.computeIfAbsent(partner.currency(), c -> new Group[] {new Group(), new Group()});
      Group g = pair[targeted ? 0 : 1];
      g.partners++;
      g.baseline = g.baseline.add(before.sales.getOrDefault(partner.id(), BigDecimal.ZERO));
      g.during = g.during.add(within.sales.getOrDefault(partner.id(), BigDecimal.ZERO));
    }
    List<CampaignUplift.CurrencyUplift> result = new ArrayList<>();
    groups.forEach((currency, pair) -> {
      if (pair[0].partners == 0) {
        return;
      }
      CampaignUplift.GroupSales targeted = pair[0].sales(baseline, during);
      Optional<CampaignUplift.GroupSales> control = pair[1].partners == 0 ? Optional.empty()
          : Optional.of(pair[1].sales(baseline, during));
      Optional<BigDecimal> uplift = targeted.change().flatMap(t -> control.isEmpty() ? Optional.of(t)
          : control.get().change().map(c -> Decimals.plain(t.subtract(c))));
      result.add(new CampaignUplift.CurrencyUplift(currency, targeted, control, uplift));
    });
    return new CampaignUplift(id, during, baseline, result);
  }

  /** A group of partners' net sales in the baseline and during the campaign. */
  private static final class Group {
    long partners;
    BigDecimal baseline = BigDecimal.ZERO;
    BigDecimal during = BigDecimal.ZERO;

    CampaignUplift.GroupSales sales(DateRange baselinePeriod, DateRange duringPeriod) {
      BigDecimal basePerDay = Decimals.plain(baseline.divide(BigDecimal.valueOf(baselinePeriod.days()),
          MathContext.DECIMAL64));
      BigDecimal duringPerDay = Decimals.plain(during.divide(BigDecimal.valueOf(duringPeriod.days()),
          MathContext.DECIMAL64));
      // the change from the exact sums, so that it does not carry the per-day roundings
      Optional<BigDecimal> change = Decimals.ratio(during.multiply(BigDecimal.valueOf(baselinePeriod.days())),
          baseline.multiply(BigDecimal.valueOf(duringPeriod.days()))).map(r -> Decimals.plain(r.subtract(BigDecimal.ONE)));
      return new CampaignUplift.GroupSales(partners, Decimals.plain(baseline), Decimals.plain(during), basePerDay,
          duringPerDay, change);
    }
  }

  @Override
  public BudgetBurn budgetBurn(CampaignId id, LocalDate asOf) {
    Campaign campaign = campaign(id);
    requireNonNull(asOf, "asOf");
    Instant end = asOf.plusDays(1).atStartOfDay(program.zone()).toInstant();
    AccountId budget = program.accounts().budget(id);
    AccountId funding = program.accounts().funding(id);
    long[] given = {0};
    long[] spent = {0};
    long reserved = 0;
    if (ledger.account(budget).isPresent()) {
      StoreReads.forEachTransaction(ledger, budget, tx -> {
        if (tx.effectiveAt().isBefore(end)) {
          long amount = tx.amountFor(budget);
          if (tx.touches(funding)) {
            given[0] = Math.addExact(given[0], amount);
          } else {
            spent[0] = Math.subtractExact(spent[0], amount);
          }
        }
      });
      reserved = ledger.balanceAsOf(budget, end.minusNanos(1)).pendingDebits();
    }
    long left = given[0] - spent[0] - reserved;
    LocalDate lastCounted = asOf.isBefore(campaign.endsOn()) ? asOf : campaign.endsOn();
    long elapsed = asOf.isBefore(campaign.startsOn()) ? 0
        : ChronoUnit.DAYS.between(campaign.startsOn(), lastCounted) + 1;
    BigDecimal perDay = elapsed == 0 ? BigDecimal.ZERO
        : Decimals.plain(BigDecimal.valueOf(spent[0]).divide(BigDecimal.valueOf(elapsed), MathContext.DECIMAL64));
    long daysLeft = asOf.isBefore(campaign.startsOn()) ? ChronoUnit.DAYS.between(campaign.startsOn(),
        campaign.endsOn()) + 1 : Math.max(0, ChronoUnit.DAYS.between(asOf, campaign.endsOn()));
    Optional<LocalDate> runsOut = Optional.empty();
    long leftAtEnd = left;
    String summary;
    if (!asOf.isBefore(campaign.endsOn())) {
      summary = "Campaign " + id + " ended on " + campaign.endsOn() + ": its budget paid " + spent[0] + " of the "
          + given[0] + " points it was given.";
    } else if (elapsed == 0) {
      // the budget is funded effective on the first day, so the program's figure is what it will get
      summary = "Campaign " + id + " starts on " + campaign.startsOn() + ": nothing of its " + campaign.budget()
          + "-point budget is spent yet.";
    } else if (perDay.signum() > 0) {
      BigDecimal days = BigDecimal.valueOf(Math.max(0, left)).divide(perDay, 0, RoundingMode.CEILING);
      if (days.compareTo(BigDecimal.valueOf(daysLeft)) <= 0) {
        runsOut = Optional.of(asOf.plusDays(days.longValueExact()));
        leftAtEnd = 0;
        summary = "At the current rate the " + id + " budget runs out on " + runsOut.get() + ", "
            + ChronoUnit.DAYS.between(runsOut.get(), campaign.endsOn()) + " days before campaign " + id
            + " ends on " + campaign.endsOn() + ".";
      } else {
        leftAtEnd = BigDecimal.valueOf(left).subtract(perDay.multiply(BigDecimal.valueOf(daysLeft)))
            .setScale(0, RoundingMode.FLOOR).longValueExact();
        summary = "At the current rate the " + id + " budget lasts to the campaign's end on " + campaign.endsOn()
            + " with about " + leftAtEnd + " of its " + given[0] + " points left.";
      }
    } else {
      summary = "Nothing of the " + id + " budget is spent yet; at this rate all " + left
          + " points are left when the campaign ends on " + campaign.endsOn() + ".";
    }
    return new BudgetBurn(id, asOf, campaign.endsOn(), given[0], spent[0], reserved, left, elapsed, perDay, runsOut,
        leftAtEnd, summary);
  }

  // ---------------------------------------------------------------------------------------------
  // Liability projection

  @Override
  public LiabilityProjection liabilityProjection(YearMonth lastMonth, int months) {
    requireNonNull(lastMonth, "lastMonth");
    if (months < 1 || months > Forecaster.MAX_HORIZON) {
      throw new IllegalArgumentException("a liability projection covers 1 to " + Forecaster.MAX_HORIZON
          + " months, asked for " + months);
    }
    // a month per bucket, the oldest a series can hold first; bucket 0 is everything before it
    YearMonth oldest = lastMonth.minusMonths(MonthlySeries.MAX_MONTHS - 1L);
    List<Instant> boundaries = new ArrayList<>(MonthlySeries.MAX_MONTHS + 1);
    for (YearMonth m = oldest; !m.isAfter(lastMonth.plusMonths(1)); m = m.plusMonths(1)) {
      boundaries.add(m.atDay(1).atStartOfDay(program.zone()).toInstant());
    }
    TreeMap<Integer, Long> changes = new TreeMap<>(reads.walletChanges(boundaries));
    long[] outstanding = {0};
    changes.values().forEach(c -> outstanding[0] = Math.addExact(outstanding[0], c));
    // the series starts with the first month that moved a wallet (at most MAX_MONTHS before the last)
    YearMonth first = changes.isEmpty() ? lastMonth
        : oldest.plusMonths(Math.max(0, changes.firstKey() - 1));
    List<LiabilityProjection.Change> past = new ArrayList<>();
    List<BigDecimal> amounts = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(lastMonth); m = m.plusMonths(1)) {
      long change = changes.getOrDefault((int) ChronoUnit.MONTHS.between(oldest, m) + 1, 0L);
      past.add(new LiabilityProjection.Change(m, change));
      amounts.add(BigDecimal.valueOf(change));
    }
    Forecast forecast = Forecaster.monthly().forecast(MonthlySeries.of(POINTS, first, amounts), months);
    List<LiabilityProjection.Month> projected = new ArrayList<>();
    long running = outstanding[0];
    for (var month : forecast.months()) {
      long change = month.amount().setScale(0, RoundingMode.HALF_EVEN).longValueExact();
      running = Math.addExact(running, change);
      projected.add(new LiabilityProjection.Month(month.month(), change, running));
    }
    return new LiabilityProjection(lastMonth, outstanding[0], past, forecast.method(), forecast.basis(), projected);
  }

  // ---------------------------------------------------------------------------------------------
  // Leaderboards

  @Override
  public Leaderboard leaderboard(LeaderboardQuery query) {
    requireNonNull(query, "query");
    List<Leaderboard.Entry> ranking = ranking(query, population());
    List<Leaderboard.Entry> top = new ArrayList<>();
    for (Leaderboard.Entry e : ranking) {
      if (top.size() >= query.top() && e.rank() > top.get(top.size() - 1).rank()) {
        break;
      }
      top.add(e);
    }
    return new Leaderboard(query, ranking.size(), top);
  }

  @Override
  public Optional<Leaderboard.Entry> rank(ParticipantId participant, LeaderboardQuery query) {
    requireNonNull(participant, "participant");
    requireNonNull(query, "query");
    if (participant instanceof PartnerId p && directory.partner(p).isEmpty()) {
      throw new UnknownPartnerException("partner " + p + " is not in the directory");
    }
    if (participant instanceof MemberId m && directory.member(m).isEmpty()) {
      throw new UnknownMemberException("member " + m + " is not in the directory");
    }
    return ranking(query, population()).stream().filter(e -> e.participant().equals(participant)).findFirst();
  }

  private List<Leaderboard.Entry> ranking(LeaderboardQuery query, Population pop) {
    DateRange period = query.period();
    LocalDate day = period.to();
    boolean partners = query.kind() == LeaderboardQuery.Kind.PARTNERS;
    List<ParticipantId> ranked = new ArrayList<>();
    for (ParticipantId p : pop.participants()) {
      if ((p instanceof PartnerId) == partners && pop.enrolledBy(p, day) && pop.counts(query.filter(), p, day)) {
        ranked.add(p);
      }
    }
    Map<ParticipantId, BigDecimal> values = new HashMap<>();
    if (query.metric() == LeaderboardQuery.Metric.POINTS) {
      Set<ParticipantId> set = new HashSet<>(ranked);
      wallets(pop, period.start(program.zone()), period.end(program.zone()), set::contains)
          .forEach((p, w) -> values.put(p, BigDecimal.valueOf(w.netIssued())));
    } else {
      requireOneCurrency(ranked, pop);
      ActivityFacts facts = reads.activities(period, EnumSet.of(InsightsReads.Part.SALES));
      for (ParticipantId p : ranked) {
        values.put(p, Decimals.plain(facts.sales.getOrDefault(p, BigDecimal.ZERO)));
      }
    }
    ranked.sort(Comparator.<ParticipantId, BigDecimal>comparing(p -> values.getOrDefault(p, BigDecimal.ZERO))
        .reversed().thenComparing(ParticipantId::value));
    List<Leaderboard.Entry> entries = new ArrayList<>(ranked.size());
    BigDecimal previous = null;
    int rank = 0;
    for (int i = 0; i < ranked.size(); i++) {
      ParticipantId p = ranked.get(i);
      BigDecimal value = values.getOrDefault(p, BigDecimal.ZERO);
      if (previous == null || value.compareTo(previous) != 0) {
        rank = i + 1;
        previous = value;
      }
      entries.add(new Leaderboard.Entry(rank, p, pop.nameOf(p), value));
    }
    return entries;
  }

  private static void requireOneCurrency(List<ParticipantId> ranked, Population pop) {
    ParticipantId first = null;
    Currency currency = null;
    for (ParticipantId p : ranked) {
      Currency c = pop.partnerOf(p).orElseThrow().currency();
      if (currency == null) {
        first = p;
        currency = c;
      } else if (!currency.equals(c)) {
        throw new CurrencyMismatchException(first.kind() + " " + first.value() + "'s sales", currency,
            p.kind() + " " + p.value() + "'s sales", c);
      }
    }
  }
}
