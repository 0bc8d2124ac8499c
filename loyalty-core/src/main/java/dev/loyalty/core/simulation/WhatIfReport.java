package dev.loyalty.core.simulation;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.simulation.SimulationReport.Liability;
import dev.loyalty.core.simulation.SimulationReport.ParticipantResult;
import dev.loyalty.core.simulation.SimulationReport.RuleTotal;
import dev.loyalty.core.simulation.SimulationReport.TierCount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The same activities under A and under B: both reports and what differs, overall, per rule, per
 * tier and for the partners most affected. Every difference is B minus A. Immutable and
 * thread-safe; nothing is null.
 *
 * @param a        the report under A
 * @param b        the report under B
 * @param overall  the report's totals side by side (activities by outcome, points, cap hits, budget cuts)
 * @param liability the value of outstanding points per currency, side by side
 * @param rules    per rule id found on either side, by id
 * @param tiers    per tier (lowest first, then none): who ends in it and what they were issued
 * @param partners the partners whose organisation's issued points differ most (by size of the
 *                 difference, then id); none when nothing differs
 */
public record WhatIfReport(SimulationReport a, SimulationReport b, List<Difference> overall,
    List<MoneyDifference> liability, List<RuleDifference> rules, List<TierDifference> tiers,
    List<PartnerDifference> partners) {

  public WhatIfReport {
    requireNonNull(a, "a");
    requireNonNull(b, "b");
    overall = List.copyOf(requireNonNull(overall, "overall"));
    liability = List.copyOf(requireNonNull(liability, "liability"));
    rules = List.copyOf(requireNonNull(rules, "rules"));
    tiers = List.copyOf(requireNonNull(tiers, "tiers"));
    partners = List.copyOf(requireNonNull(partners, "partners"));
  }

  /**
   * Compares two reports of the same activities (from {@link Simulator#whatIf}, or two runs of
   * {@link Simulator#simulate} a caller made), listing the {@code mostAffected} partners whose
   * issued points differ most.
   */
  public static WhatIfReport compare(SimulationReport a, SimulationReport b, int mostAffected) {
    requireNonNull(a, "a");
    requireNonNull(b, "b");
    if (mostAffected < 0) {
      throw new IllegalArgumentException("most affected partners must not be negative, got " + mostAffected);
    }
    List<Difference> overall = List.of(
        new Difference("activities recorded", a.activities().recorded(), b.activities().recorded()),
        new Difference("returns", a.activities().returned(), b.activities().returned()),
        new Difference("activities in review", a.activities().inReview(), b.activities().inReview()),
        new Difference("activities blocked", a.activities().blocked(), b.activities().blocked()),
        new Difference("activities refused", a.activities().refused(), b.activities().refused()),
        new Difference("points issued", a.points().issued(), b.points().issued()),
        new Difference("points taken back", a.points().takenBack(), b.points().takenBack()),
        new Difference("points clawed back", a.points().clawedBack(), b.points().clawedBack()),
        new Difference("points expired", a.points().expired(), b.points().expired()),
        new Difference("points redeemed", a.points().redeemed(), b.points().redeemed()),
        new Difference("points pending review", a.points().pending(), b.points().pending()),
        new Difference("points outstanding", a.points().outstanding(), b.points().outstanding()),
        new Difference("cap hits", a.caps().stream().mapToLong(c -> c.hits()).sum(),
            b.caps().stream().mapToLong(c -> c.hits()).sum()),
        new Difference("awards cut by budgets", a.campaigns().stream().mapToLong(c -> c.cutAwards()).sum(),
            b.campaigns().stream().mapToLong(c -> c.cutAwards()).sum()));

    Map<String, BigDecimal[]> values = new TreeMap<>();
    for (int side = 0; side < 2; side++) {
      for (Liability l : (side == 0 ? a : b).liability()) {
        BigDecimal[] pair = values.computeIfAbsent(l.currencyCode(), k -> new BigDecimal[] {BigDecimal.ZERO,
            BigDecimal.ZERO});
        pair[side] = l.value().map(Money::amount).orElse(BigDecimal.ZERO);
      }
    }
    List<MoneyDifference> liability = new ArrayList<>();
    values.forEach((currency, pair) -> liability.add(new MoneyDifference(currency, pair[0], pair[1])));

    Map<String, RuleTotal> rulesA = byRule(a);
    Map<String, RuleTotal> rulesB = byRule(b);
    TreeSet<String> ruleIds = new TreeSet<>(rulesA.keySet());
    ruleIds.addAll(rulesB.keySet());
    List<RuleDifference> rules = new ArrayList<>();
    for (String id : ruleIds) {
      RuleTotal ra = rulesA.get(id);
      RuleTotal rb = rulesB.get(id);
      rules.add(new RuleDifference(id, ra == null ? 0 : ra.fired(), rb == null ? 0 : rb.fired(),
          ra == null ? 0 : ra.issued(), rb == null ? 0 : rb.issued(), ra == null ? 0 : ra.net(),
          rb == null ? 0 : rb.net()));
    }

    Map<Optional<TierId>, long[]> tierFigures = new LinkedHashMap<>();
    for (int side = 0; side < 2; side++) {
      SimulationReport r = side == 0 ? a : b;
      for (TierCount t : r.tiers()) {
        long[] f = tierFigures.computeIfAbsent(t.tier(), k -> new long[6]);
        f[side] = t.partners();
        f[2 + side] = t.members();
      }
      for (ParticipantResult p : r.participants()) {
        tierFigures.computeIfAbsent(p.tier(), k -> new long[6])[4 + side] += p.issued();
      }
    }
    List<TierDifference> tiers = new ArrayList<>();
    tierFigures.forEach((tier, f) -> tiers.add(new TierDifference(tier, f[0], f[1], f[2], f[3], f[4], f[5])));

    return new WhatIfReport(a, b, overall, liability, rules, tiers, mostAffected(a, b, mostAffected));
  }

  private static Map<String, RuleTotal> byRule(SimulationReport r) {
    Map<String, RuleTotal> out = new TreeMap<>();
    r.rules().forEach(t -> out.put(t.rule(), t));
    return out;
  }

  private static List<PartnerDifference> mostAffected(SimulationReport a, SimulationReport b, int count) {
    Map<PartnerId, Organisation> organisations = new LinkedHashMap<>();
    for (int side = 0; side < 2; side++) {
      for (ParticipantResult p : (side == 0 ? a : b).participants()) {
        Organisation o = organisations.computeIfAbsent(p.organisation(), k -> new Organisation(p.region()));
        o.issued[side] += p.issued();
        o.outstanding[side] += p.balance();
        if (p.participant().equals(p.organisation())) {
          o.tier.set(side, p.tier());
        }
      }
    }
    List<PartnerDifference> changed = new ArrayList<>();
    organisations.forEach((id, o) -> {
      if (o.issued[0] != o.issued[1] || o.outstanding[0] != o.outstanding[1] || !o.tier.get(0).equals(o.tier.get(1))) {
        changed.add(new PartnerDifference(id, o.region, o.tier.get(0), o.tier.get(1), o.issued[0], o.issued[1],
            o.outstanding[0], o.outstanding[1]));
      }
    });
    changed.sort(Comparator.comparingLong((PartnerDifference d) -> Math.abs(d.issuedB() - d.issuedA())).reversed()
        .thenComparing(d -> d.partner().value()));
    return changed.subList(0, Math.min(count, changed.size()));
  }

  /** Whether anything differs between A and B: any total, liability, rule, tier or partner. */
  public boolean hasDifferences() {
    return overall.stream().anyMatch(d -> d.change() != 0)
        || liability.stream().anyMatch(d -> d.change().signum() != 0)
        || rules.stream().anyMatch(RuleDifference::differs)
        || tiers.stream().anyMatch(TierDifference::differs)
        || !partners.isEmpty();
  }

  /** A partner and its members, on both sides. */
  private static final class Organisation {
    final String region;
    final long[] issued = new long[2];
    final long[] outstanding = new long[2];
    final List<Optional<TierId>> tier = new ArrayList<>(List.of(Optional.empty(), Optional.empty()));

    Organisation(String region) {
      this.region = region;
    }
  }

  /**
   * One total under A and under B.
   *
   * @param measure what is counted ("points issued")
   * @param a       under A
   * @param b       under B
   */
  public record Difference(String measure, long a, long b) {
    public Difference {
      requireNonNull(measure, "measure");
    }

    /** B minus A. */
    public long change() {
      return Math.subtractExact(b, a);
    }
  }

  /**
   * What outstanding points are worth in one currency, under A and under B (zero where a side's
   * program gives that currency no point value).
   */
  public record MoneyDifference(String currencyCode, BigDecimal a, BigDecimal b) {
    public MoneyDifference {
      requireNonNull(currencyCode, "currencyCode");
      requireNonNull(a, "a");
      requireNonNull(b, "b");
    }

    /** B minus A. */
    public BigDecimal change() {
      return b.subtract(a);
    }
  }

  /** One rule's firings, issued and net points under A and B (0 on a side where it never fired or paid). */
  public record RuleDifference(String rule, long firedA, long firedB, long issuedA, long issuedB, long netA,
      long netB) {
    public RuleDifference {
      requireNonNull(rule, "rule");
    }

    /** B's net points minus A's. */
    public long change() {
      return Math.subtractExact(netB, netA);
    }

    boolean differs() {
      return firedA != firedB || issuedA != issuedB || netA != netB;
    }
  }

  /**
   * One tier (empty: none) under A and B: partners and members ending in it, and the points issued
   * to the participants that end in it.
   */
  public record TierDifference(Optional<TierId> tier, long partnersA, long partnersB, long membersA, long membersB,
      long issuedA, long issuedB) {
    public TierDifference {
      requireNonNull(tier, "tier");
    }

    boolean differs() {
      return partnersA != partnersB || membersA != membersB || issuedA != issuedB;
    }
  }

  /**
   * A partner with its members under A and B: the partner's final tier, the points issued to the
   * organisation and what it holds at the end.
   */
  public record PartnerDifference(PartnerId partner, String region, Optional<TierId> tierA, Optional<TierId> tierB,
      long issuedA, long issuedB, long outstandingA, long outstandingB) {
    public PartnerDifference {
      requireNonNull(partner, "partner");
      requireNonNull(region, "region");
      requireNonNull(tierA, "tierA");
      requireNonNull(tierB, "tierB");
    }

    /** B's issued points minus A's. */
    public long change() {
      return Math.subtractExact(issuedB, issuedA);
    }
  }
}
