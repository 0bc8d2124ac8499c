package dev.loyalty.examples.bench;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.ReportSubmission;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SellThroughReport;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.EarnedPoints;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.Badge;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.rules.TierQualification;
import dev.loyalty.core.tier.TierEvaluator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ready-made program of {@code loyalty-rules} (its {@code dev/loyalty/rules/standard/*.drl})
 * written by hand in plain Java, as the benchmark's comparison for Drools: the same awards
 * (beneficiary, points, rule id, campaign), tier qualifications, badges and risk flags for every
 * activity, in the same stages (risk, award, tier multiplier, caps per period from the points
 * already earned and the partner cap per activity, org/rep split, members' caps per period). The
 * DRL is the reference; {@code StandardProgramParityTest} checks the two agree on random facts.
 *
 * <p>What it does not do: it reports no "why not" decisions (only one fired decision per result),
 * and its reasons are shorter sentences. The program's parameters are read once per program
 * (cached by identity), as a hand-written implementation would; the DRL reads them on every
 * evaluation.
 *
 * <p>Thread-safe: the cached parameters are immutable and published through a volatile field.
 */
final class StandardProgramJava implements RuleEngine {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final Comparator<Grant> CAP_ORDER = Comparator.comparing((Grant g) -> g.campaign != null)
      .thenComparing(g -> g.kind).thenComparing(Comparator.comparingLong((Grant g) -> g.points).reversed());

  private final String version;
  private final Map<String, RuleRef> refs = new HashMap<>();
  private volatile Parameters cached;

  /** An engine whose awards name rule set version {@code version}. */
  StandardProgramJava(String version) {
    this.version = requireNonNull(version, "version");
    for (String id : List.of("invoice-review", "line-quantity", "earn-rate", "product-multiplier", "threshold-bonus",
        "mix-bonus", "training-bonus", "certification-bonus", "referral-bonus", "market-expansion", "reactivation",
        "consistency-streak", "clearance-bonus", "on-time-sell-through", "on-time-report", "tier-qualification",
        "tier-multiplier", "campaign-bonus", "campaign-points", "partner-cap", "period-cap", "member-period-cap",
        "org-rep-split")) {
      refs.put(id, new RuleRef(id, version));
    }
  }

  @Override
  public RuleOutcome evaluate(RuleFacts facts) {
    Parameters p = parameters(facts.program());
    Activity activity = facts.activity();
    PartnerId partner = facts.partner().id();
    Outcome out = new Outcome(this);

    if (activity instanceof Sale sale) {
      sale(facts, sale, p, partner, out);
    } else if (activity instanceof TrainingCompleted t) {
      long points = p.trainingByCourse.getOrDefault(t.course(), p.trainingPoints);
      if (points > 0) {
        out.grant(t.member().map(ParticipantId.class::cast).orElse(partner), points, "training-bonus", "training",
            null, "Completed training " + t.course() + ".");
      }
    } else if (activity instanceof CertificationEarned c) {
      long points = p.certificationByCode.getOrDefault(c.certification(), p.certificationPoints);
      if (points > 0) {
        out.grant(c.member().map(ParticipantId.class::cast).orElse(partner), points, "certification-bonus",
            "certification", null, "Earned certification " + c.certification() + ".");
      }
    } else if (activity instanceof Referral r) {
      if (p.referralPoints > 0) {
        out.grant(partner, p.referralPoints, "referral-bonus", "referral", null, "Referred " + r.referred().value()
            + ".");
      }
    } else if (activity instanceof SellThroughReport r) {
      if (p.reportingPoints > 0 && r.onTime(facts.program().zone())) {
        out.grant(partner, p.reportingPoints, "on-time-sell-through", "report", null, "Sell-through report for "
            + r.period() + " on time.");
      }
    } else if (activity instanceof ReportSubmission r) {
      if (p.reportingPoints > 0 && r.onTime(facts.program().zone())) {
        out.grant(partner, p.reportingPoints, "on-time-report", "report", null, "Report " + r.report() + " on time.");
      }
    }

    qualify(facts, p, out);
    multiply(facts, p, out);
    // what a rule or campaign may still pay in its period first, then the activity's cap on what is left
    Optional<ParticipantId> member = facts.member().map(Member::id);
    for (PeriodCap c : p.partnerCaps) {
      periodCap(c, facts.partnerEarned(), partner, member, out.grants);
    }
    if (p.capSet && partnerTotal(partner, out) > p.cap) {
      cap(p, partner, out);
    }
    if (activity instanceof Sale && facts.member().isPresent() && facts.program().earnSplit().memberPercent() > 0) {
      split(facts.member().get(), facts.program().earnSplit().memberPercent(), out);
    }
    if (facts.memberEarned().isPresent()) {
      List<Grant> withShares = new ArrayList<>(out.grants);
      out.grants.stream().map(g -> g.share).filter(java.util.Objects::nonNull).forEach(withShares::add);
      for (PeriodCap c : p.memberCaps) {
        periodCap(c, facts.memberEarned().get(), member.get(), Optional.empty(), withShares);
      }
    }
    return out.toOutcome();
  }

  // ---------------------------------------------------------------------------------------------
  // The award stage of a sale, and its risk checks

  private void sale(RuleFacts facts, Sale sale, Parameters p, PartnerId partner, Outcome out) {
    List<InvoiceLine> lines = sale.lines();
    BigDecimal total = BigDecimal.ZERO;
    for (InvoiceLine line : lines) {
      total = total.add(line.amount());
    }
    if (p.reviewAbove != null && total.compareTo(p.reviewAbove) > 0) {
      out.flag(RiskFlag.Severity.REVIEW, "invoice-review", "Invoice of " + total.toPlainString()
          + " is above the review limit.");
    }
    if (p.lineQuantityAbove != null) {
      for (InvoiceLine line : lines) {
        if (line.quantity() > p.lineQuantityAbove) {
          out.flag(RiskFlag.Severity.BLOCK, "line-quantity", line.quantity() + " units of " + line.sku()
              + " on one line.");
        }
      }
    }
    Grant base = null;
    if (p.earnSet) {
      long basePoints = p.pointsFor(total);
      if (basePoints > 0) {
        base = out.grant(partner, basePoints, "earn-rate", "base", null, "Base points on an invoice of " + total.toPlainString()
            + ".");
      }
      BigDecimal extraAmount = BigDecimal.ZERO;
      boolean premium = false;
      for (InvoiceLine line : lines) {
        BigDecimal factor = p.multiplier(line);
        if (factor != null) {
          premium = true;
          extraAmount = extraAmount.add(line.amount().multiply(factor.subtract(BigDecimal.ONE)));
        }
      }
      long extra = premium ? p.pointsFor(extraAmount) : 0;
      if (extra > 0) {
        out.grant(partner, extra, "product-multiplier", "product", null, "Premium products earn more.");
      }
    }
    PerformanceFigures figures = facts.partnerFigures();
    if (p.thresholds != null) {
      BigDecimal before = figures.monthSales().amount();
      BigDecimal after = before.add(total);
      for (Threshold t : p.thresholds) {
        if (before.compareTo(t.amount) < 0 && after.compareTo(t.amount) >= 0) {
          out.grant(partner, t.points, "threshold-bonus", "bonus", null, "Monthly sales reached "
              + t.amount.toPlainString() + ".");
        }
      }
    }
    if (p.mixSet && p.mixPoints > 0 && distinctCategories(lines) >= p.mixMinCategories) {
      out.grant(partner, p.mixPoints, "mix-bonus", "bonus", null, "Several product categories in one order.");
    }
    if (p.expansionPoints > 0 && figures.lifetimeOrders() == 0
        && p.expansionRegions.contains(facts.partner().region())) {
      out.grant(partner, p.expansionPoints, "market-expansion", "expansion", null, "First order from "
          + facts.partner().region() + ".");
    }
    if (p.dormantDays > 0 && p.reactivationPoints > 0 && figures.lifetimeOrders() > 0
        && figures.lastActivity().isPresent()
        && Duration.between(figures.lastActivity().get(), sale.occurredAt()).toDays() >= p.dormantDays) {
      out.grant(partner, p.reactivationPoints, "reactivation", "reactivation", null, "Back after a dormant spell.");
    }
    if (p.streakMonths > 0 && figures.monthOrders() == 0 && (figures.consistencyMonths() + 1) % p.streakMonths == 0) {
      String reason = (figures.consistencyMonths() + 1) + " months in a row with orders.";
      if (p.streakPoints > 0) {
        out.grant(partner, p.streakPoints, "consistency-streak", "streak", null, reason);
      }
      out.badge(partner, "consistency-streak", reason);
    }
    if (p.clearancePerUnit > 0 && !p.clearanceSkus.isEmpty()) {
      long units = 0;
      for (InvoiceLine line : lines) {
        if (p.clearanceSkus.contains(line.sku())) {
          units = Math.addExact(units, line.quantity());
        }
      }
      if (units > 0) {
        out.grant(partner, Math.multiplyExact(units, p.clearancePerUnit), "clearance-bonus", "clearance", null,
            units + " units of slow-moving stock.");
      }
    }
    for (Campaign campaign : facts.campaigns()) {
      CampaignTerms terms = p.terms(campaign);
      if ((terms.percent == null && terms.points == null) || !terms.qualifies(lines, total)) {
        continue;
      }
      if (terms.percent != null) {
        // the percentage is of the base award as the award stage made it, before the tier multiplier
        if (base != null) {
          long extra = BigDecimal.valueOf(base.points).multiply(terms.percent).divide(HUNDRED, 0, RoundingMode.FLOOR)
              .longValueExact();
          if (extra > 0) {
            out.grant(partner, extra, "campaign-bonus", "campaign", campaign.id(), campaign.name() + ": "
                + terms.percent.toPlainString() + "% bonus.");
          }
        }
      }
      if (terms.points != null) {
        long points = terms.points.longValueExact();
        if (points > 0) {
          out.grant(partner, points, "campaign-points", "campaign", campaign.id(), campaign.name() + ": bonus.");
        }
      }
    }
  }

  private static int distinctCategories(List<InvoiceLine> lines) {
    int n = 0;
    for (int i = 0; i < lines.size(); i++) {
      String category = lines.get(i).category();
      boolean seen = false;
      for (int j = 0; j < i && !seen; j++) {
        seen = lines.get(j).category().equals(category);
      }
      n += seen ? 0 : 1;
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // Tier qualification, multiplier, cap and split

  /** The highest tier above the one held that the partner (and the member) meet with the activity counted. */
  private void qualify(RuleFacts facts, Parameters p, Outcome out) {
    Program program = facts.program();
    if (program.tiers().isEmpty()) {
      return;
    }
    qualify(facts, p, out, facts.partnerFigures(), facts.partnerTier());
    if (facts.member().isPresent() && facts.memberFigures().isPresent()) {
      qualify(facts, p, out, facts.memberFigures().get(), facts.memberTier());
    }
  }

  private void qualify(RuleFacts facts, Parameters p, Outcome out, PerformanceFigures before, Optional<Tier> held) {
    Program program = facts.program();
    int rank = held.map(t -> Math.max(0, program.rank(t.id()))).orElse(-1);
    if (rank >= program.tiers().size() - 1) {
      return; // nothing above the top tier
    }
    Optional<Tier> met = p.tiers.highestMet(after(before, facts.activity()));
    if (met.isPresent() && program.rank(met.get().id()) > rank) {
      out.qualifications.add(new TierQualification(before.participant(), met.get().id(), ref("tier-qualification"),
          "Meets the criteria of " + met.get().name() + " with this " + facts.activity().kind() + "."));
    }
  }

  /** {@code before} with {@code activity} counted, if it is the participant's sale or certification. */
  private static PerformanceFigures after(PerformanceFigures before, Activity activity) {
    ParticipantId who = before.participant();
    boolean counts = activity.partner().equals(who) || activity.member().map(who::equals).orElse(false);
    if (!counts) {
      return before;
    }
    if (activity instanceof Sale sale && sale.currency().equals(before.windowSales().currency())) {
      Map<String, Money> byCategory = new HashMap<>(before.windowSalesByCategory());
      for (InvoiceLine line : sale.lines()) {
        byCategory.merge(line.category(), Money.of(line.amount(), sale.currency()), Money::plus);
      }
      Money total = sale.total();
      return new PerformanceFigures(who, before.asOf(), before.windowMonths(), before.windowSales().plus(total),
          before.priorWindowSales(), byCategory, before.windowOrders() + 1, before.monthSales().plus(total),
          before.monthOrders() + 1, before.consistencyMonths(), before.lifetimeOrders() + 1, before.lastActivity(),
          before.certifications());
    }
    if (activity instanceof CertificationEarned c && !before.certifications().contains(c.certification())) {
      Set<String> certifications = new HashSet<>(before.certifications());
      certifications.add(c.certification());
      return new PerformanceFigures(who, before.asOf(), before.windowMonths(), before.windowSales(),
          before.priorWindowSales(), before.windowSalesByCategory(), before.windowOrders(), before.monthSales(),
          before.monthOrders(), before.consistencyMonths(), before.lifetimeOrders(), before.lastActivity(),
          certifications);
    }
    return before;
  }

  /** A tier's earn multiplier on its holder's awards of the kinds the program names (default: base). */
  private static void multiply(RuleFacts facts, Parameters p, Outcome out) {
    multiply(facts.partner().id(), facts.partnerTier(), p, out);
    if (facts.member().isPresent()) {
      multiply(facts.member().get().id(), facts.memberTier(), p, out);
    }
  }

  private static void multiply(ParticipantId who, Optional<Tier> tier, Parameters p, Outcome out) {
    if (tier.isEmpty() || tier.get().earnMultiplier().compareTo(BigDecimal.ONE) <= 0) {
      return;
    }
    BigDecimal factor = tier.get().earnMultiplier();
    for (Grant g : out.grants) {
      boolean kind = p.multiplierKinds.isEmpty() ? "base".equals(g.kind) : p.multiplierKinds.contains(g.kind);
      if (kind && g.beneficiary.equals(who)) {
        g.points = BigDecimal.valueOf(g.points).multiply(factor).setScale(0, RoundingMode.FLOOR).longValueExact();
        g.note(" (" + tier.get().name() + " earns " + factor.toPlainString() + "x.)");
      }
    }
  }

  private static long partnerTotal(PartnerId partner, Outcome out) {
    long total = 0;
    for (Grant g : out.grants) {
      if (g.beneficiary.equals(partner)) {
        total = Math.addExact(total, g.points);
      }
    }
    return total;
  }

  /** At most the cap per activity to the partner: the program's own awards kept first, campaign awards cut first. */
  private static void cap(Parameters p, PartnerId partner, Outcome out) {
    List<Grant> toPartner = new ArrayList<>(out.grants.size());
    for (Grant g : out.grants) {
      if (g.beneficiary.equals(partner)) {
        toPartner.add(g);
      }
    }
    toPartner.sort(CAP_ORDER);
    long left = p.cap;
    for (Grant g : toPartner) {
      long keep = Math.min(g.points, left);
      left -= keep;
      if (keep < g.points) {
        g.points = keep;
        g.note(" (capped at " + p.cap + " points per activity)");
      }
    }
  }

  /**
   * At most the cap's limit per period from its rule or campaign, less what {@code earned} holds of
   * it in the activity's period, for the grants to {@code who} and {@code also}: campaign grants
   * cut first, as {@code partner-cap} does.
   */
  private static void periodCap(PeriodCap cap, EarnedPoints earned, ParticipantId who, Optional<ParticipantId> also,
      List<Grant> grants) {
    List<Grant> limited = new ArrayList<>(grants.size());
    long asked = 0;
    for (Grant g : grants) {
      boolean counts = cap.campaign ? g.campaign != null && g.campaign.value().equals(cap.id) : g.ruleId.equals(cap.id);
      if (g.points > 0 && counts && (g.beneficiary.equals(who) || also.filter(g.beneficiary::equals).isPresent())) {
        limited.add(g);
        asked = Math.addExact(asked, g.points);
      }
    }
    long before = cap.campaign ? earned.byCampaign(cap.kind, CampaignId.of(cap.id)) : earned.byRule(cap.kind, cap.id);
    long left = Math.max(0, cap.limit - before);
    if (asked <= left) {
      return;
    }
    limited.sort(CAP_ORDER);
    for (Grant g : limited) {
      long keep = Math.min(g.points, left);
      left -= keep;
      if (keep < g.points) {
        g.points = keep;
        g.note(" (" + cap.id + " capped at " + cap.limit + " per " + cap.kind.name().toLowerCase(java.util.Locale.ROOT)
            + ", " + before + " earned)");
      }
    }
  }

  /** The rep's share of every award of a sale to the partner, rounded down for the rep. */
  private static void split(Member rep, int memberPercent, Outcome out) {
    for (Grant g : out.grants) {
      if (g.beneficiary instanceof PartnerId) {
        long share = Math.multiplyExact(g.points, memberPercent) / 100;
        g.points -= share;
        Grant s = new Grant(rep.id(), share, g.ruleId, g.kind, g.campaign, g.reason);
        s.notes = g.notes;
        s.note(" (rep's " + memberPercent + "% share)");
        g.share = s;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Parameters

  private Parameters parameters(Program program) {
    Parameters p = cached;
    if (p == null || p.program != program) {
      p = new Parameters(program);
      cached = p;
    }
    return p;
  }

  RuleRef ref(String ruleId) {
    RuleRef ref = refs.get(ruleId);
    return ref != null ? ref : new RuleRef(ruleId, version);
  }

  private record Threshold(BigDecimal amount, long points) {}

  /** {@code cap.[member.]<period>.<rule|campaign>.<id>}: at most {@code limit} points per period. */
  private record PeriodCap(boolean member, EarningPeriod.Kind kind, boolean campaign, String id, long limit) {
    private static final Map<String, EarningPeriod.Kind> PERIODS = Map.of("daily", EarningPeriod.Kind.DAY, "monthly",
        EarningPeriod.Kind.MONTH, "quarterly", EarningPeriod.Kind.QUARTER, "yearly", EarningPeriod.Kind.YEAR);

    /** The cap {@code name} sets, if it is one. */
    static Optional<PeriodCap> of(String name, long limit) {
      boolean member = name.startsWith("cap.member.");
      String[] parts = name.substring(member ? "cap.member.".length() : "cap.".length()).split("\\.", 3);
      if (parts.length < 3 || !PERIODS.containsKey(parts[0]) || !(parts[1].equals("rule")
          || parts[1].equals("campaign"))) {
        return Optional.empty();
      }
      return Optional.of(new PeriodCap(member, PERIODS.get(parts[0]), parts[1].equals("campaign"), parts[2], limit));
    }
  }

  /** A campaign's terms, read once. */
  private static final class CampaignTerms {
    final BigDecimal percent;
    final BigDecimal points;
    final BigDecimal minInvoice;
    final List<String> categories;

    CampaignTerms(Campaign campaign) {
      Map<String, String> values = campaign.parameters();
      percent = decimal(values.get("bonus-percent"), campaign);
      points = decimal(values.get("bonus-points"), campaign);
      minInvoice = decimal(values.get("min-invoice"), campaign);
      String wanted = values.get("categories");
      if (wanted == null) {
        categories = null;
      } else {
        List<String> list = new ArrayList<>();
        for (String c : wanted.split(",")) {
          if (!c.isBlank()) {
            list.add(c.strip());
          }
        }
        categories = List.copyOf(list);
      }
    }

    boolean qualifies(List<InvoiceLine> lines, BigDecimal total) {
      if (minInvoice != null && total.compareTo(minInvoice) < 0) {
        return false;
      }
      if (categories != null) {
        for (InvoiceLine line : lines) {
          if (categories.contains(line.category())) {
            return true;
          }
        }
        return false;
      }
      return true;
    }

    private static BigDecimal decimal(String value, Campaign campaign) {
      try {
        return value == null ? null : new BigDecimal(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalStateException("a parameter of campaign " + campaign.id() + " is '" + value
            + "', not a number", e);
      }
    }
  }

  /** The program's rule parameters, read once per program. Immutable. */
  private static final class Parameters {
    final Program program;
    final TierEvaluator tiers;
    final BigDecimal reviewAbove;
    final Long lineQuantityAbove;
    final boolean earnSet;
    final long earnPoints;
    final BigDecimal perAmount;
    final Map<String, BigDecimal> skuMultipliers = new HashMap<>();
    final Map<String, BigDecimal> categoryMultipliers = new HashMap<>();
    final List<Threshold> thresholds;
    final boolean mixSet;
    final long mixPoints;
    final long mixMinCategories;
    final long trainingPoints;
    final Map<String, Long> trainingByCourse = new HashMap<>();
    final long certificationPoints;
    final Map<String, Long> certificationByCode = new HashMap<>();
    final long referralPoints;
    final List<String> expansionRegions;
    final long expansionPoints;
    final long dormantDays;
    final long reactivationPoints;
    final long streakMonths;
    final long streakPoints;
    final Set<String> clearanceSkus;
    final long clearancePerUnit;
    final long reportingPoints;
    final List<String> multiplierKinds;
    final boolean capSet;
    final long cap;
    final List<PeriodCap> partnerCaps = new ArrayList<>();
    final List<PeriodCap> memberCaps = new ArrayList<>();
    final Map<Campaign, CampaignTerms> campaigns = new IdentityHashMap<>();
    private final Map<String, String> values;

    Parameters(Program program) {
      this.program = program;
      this.values = program.parameters();
      tiers = new TierEvaluator(program);
      reviewAbove = values.containsKey("review.invoice-above") ? number("review.invoice-above") : null;
      lineQuantityAbove = values.containsKey("block.line-quantity-above") ? whole("block.line-quantity-above") : null;
      earnSet = values.containsKey("earn.points");
      earnPoints = whole("earn.points", 0);
      perAmount = values.containsKey("earn.per-amount") ? number("earn.per-amount") : HUNDRED;
      if (earnSet && (earnPoints < 0 || perAmount.signum() <= 0)) {
        throw new IllegalStateException("program " + program.id() + ": earn.points must not be negative and "
            + "earn.per-amount must be positive");
      }
      values.forEach((name, value) -> {
        if (name.startsWith("multiplier.sku.")) {
          skuMultipliers.put(name.substring("multiplier.sku.".length()), number(name));
        } else if (name.startsWith("multiplier.category.")) {
          categoryMultipliers.put(name.substring("multiplier.category.".length()), number(name));
        } else if (name.startsWith("training.points.")) {
          trainingByCourse.put(name.substring("training.points.".length()), whole(name));
        } else if (name.startsWith("certification.points.")) {
          certificationByCode.put(name.substring("certification.points.".length()), whole(name));
        }
      });
      thresholds = values.containsKey("threshold.monthly-sales") ? thresholds() : null;
      mixSet = values.containsKey("mix.points");
      mixPoints = whole("mix.points", 0);
      mixMinCategories = whole("mix.min-categories", 3);
      trainingPoints = whole("training.points", 0);
      certificationPoints = whole("certification.points", 0);
      referralPoints = whole("referral.points", 0);
      expansionRegions = list("expansion.regions");
      expansionPoints = whole("expansion.points", 0);
      dormantDays = whole("reactivation.dormant-days", 0);
      reactivationPoints = whole("reactivation.points", 0);
      streakMonths = whole("streak.months", 0);
      streakPoints = whole("streak.points", 0);
      clearanceSkus = Set.copyOf(list("clearance.skus"));
      clearancePerUnit = whole("clearance.points-per-unit", 0);
      reportingPoints = whole("reporting.points", 0);
      multiplierKinds = list("tier-multiplier.kinds");
      capSet = values.containsKey("cap.points-per-activity");
      cap = whole("cap.points-per-activity", 0);
      for (String name : new java.util.TreeSet<>(values.keySet())) {
        if (name.startsWith("cap.") && !name.equals("cap.points-per-activity")) {
          PeriodCap c = PeriodCap.of(name, whole(name)).orElseThrow(() -> new IllegalStateException("program "
              + program.id() + ": '" + name + "' is not a cap"));
          (c.member() ? memberCaps : partnerCaps).add(c);
        }
      }
      for (Campaign c : program.campaigns()) {
        campaigns.put(c, new CampaignTerms(c));
      }
    }

    /** Whole multiples of {@code perAmount} in {@code amount}, times the points. */
    long pointsFor(BigDecimal amount) {
      if (amount.signum() <= 0) {
        return 0;
      }
      return Math.multiplyExact(amount.divide(perAmount, 0, RoundingMode.FLOOR).longValueExact(), earnPoints);
    }

    /** The line's multiplier (the SKU's own wins over its category's), or null. */
    BigDecimal multiplier(InvoiceLine line) {
      BigDecimal factor = skuMultipliers.get(line.sku());
      if (factor == null) {
        factor = categoryMultipliers.get(line.category());
      }
      if (factor != null && factor.compareTo(BigDecimal.ONE) < 0) {
        throw new IllegalStateException("a product multiplier of program " + program.id() + " for " + line.sku()
            + " is " + factor.toPlainString() + "; it must be at least 1");
      }
      return factor;
    }

    CampaignTerms terms(Campaign campaign) {
      CampaignTerms terms = campaigns.get(campaign);
      return terms != null ? terms : new CampaignTerms(campaign);
    }

    private List<Threshold> thresholds() {
      List<Threshold> read = new ArrayList<>();
      for (String entry : list("threshold.monthly-sales")) {
        String[] parts = entry.split(":");
        if (parts.length != 2) {
          throw new IllegalStateException("program " + program.id() + ": bad threshold '" + entry + "'");
        }
        read.add(new Threshold(new BigDecimal(parts[0].strip()), Long.parseLong(parts[1].strip())));
      }
      read.sort(Comparator.comparing(Threshold::amount));
      return List.copyOf(read);
    }

    private BigDecimal number(String name) {
      String value = values.get(name);
      try {
        return new BigDecimal(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalStateException("parameter '" + name + "' of program " + program.id() + " is '" + value
            + "', not a number", e);
      }
    }

    private long whole(String name) {
      return number(name).longValueExact();
    }

    private long whole(String name, long otherwise) {
      return values.containsKey(name) ? whole(name) : otherwise;
    }

    private List<String> list(String name) {
      List<String> items = new ArrayList<>();
      for (String item : values.getOrDefault(name, "").split(",")) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
      return List.copyOf(items);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Results of one evaluation

  /** Points on their way through the stages: what {@code PointsAward} is to the DRL. */
  private static final class Grant {
    final ParticipantId beneficiary;
    final String ruleId;
    final String kind;
    final CampaignId campaign;
    final String reason;
    long points;
    String notes = "";
    Grant share;

    Grant(ParticipantId beneficiary, long points, String ruleId, String kind, CampaignId campaign, String reason) {
      this.beneficiary = beneficiary;
      this.points = points;
      this.ruleId = ruleId;
      this.kind = kind;
      this.campaign = campaign;
      this.reason = reason;
    }

    void note(String note) {
      notes = notes.isEmpty() ? note : notes + note;
    }
  }

  /** What one evaluation has found so far. Belongs to one thread. */
  private static final class Outcome {
    final StandardProgramJava engine;
    final List<Grant> grants = new ArrayList<>(4);
    final List<TierQualification> qualifications = new ArrayList<>(1);
    final List<Badge> badges = new ArrayList<>(0);
    final List<RiskFlag> flags = new ArrayList<>(0);

    Outcome(StandardProgramJava engine) {
      this.engine = engine;
    }

    Grant grant(ParticipantId to, long points, String ruleId, String kind, CampaignId campaign, String reason) {
      Grant g = new Grant(to, points, ruleId, kind, campaign, reason);
      grants.add(g);
      return g;
    }

    void badge(ParticipantId to, String badge, String reason) {
      badges.add(new Badge(to, badge, engine.ref(badge), reason));
    }

    void flag(RiskFlag.Severity severity, String code, String reason) {
      flags.add(new RiskFlag(severity, code, engine.ref(code), reason));
    }

    /** The awards with points left, each share after its award, and one fired decision per result. */
    RuleOutcome toOutcome() {
      List<Award> awards = new ArrayList<>(grants.size() * 2);
      List<RuleDecision> decisions = new ArrayList<>(grants.size() + qualifications.size() + flags.size());
      for (Grant g : grants) {
        RuleRef ref = engine.ref(g.ruleId);
        String reason = g.notes.isEmpty() ? g.reason : g.reason + g.notes;
        if (g.points > 0) {
          awards.add(new Award(g.beneficiary, g.points, ref, reason, Optional.ofNullable(g.campaign)));
        }
        Grant s = g.share;
        if (s != null && s.points > 0) {
          awards.add(new Award(s.beneficiary, s.points, ref, s.reason + s.notes, Optional.ofNullable(s.campaign)));
        }
        decisions.add(RuleDecision.fired(ref, reason));
      }
      for (TierQualification q : qualifications) {
        decisions.add(RuleDecision.fired(q.rule(), q.reason()));
      }
      for (RiskFlag f : flags) {
        decisions.add(RuleDecision.fired(f.rule(), f.reason()));
      }
      return new RuleOutcome(awards, qualifications, badges, flags, decisions);
    }
  }
}
