package dev.loyalty.examples.bench;

import static dev.loyalty.core.testing.ChannelFixture.GOLD;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.SILVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.ReportSubmission;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SellThroughLine;
import dev.loyalty.core.activity.SellThroughReport;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.performance.EarnedPoints;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.performance.PointTotals;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.CampaignTarget;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.internal.EagerExplanations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's hand-written twin ({@link StandardProgramJava}) against the reference, Drools
 * with loyalty-rules' ready-made DRL, on thousands of random facts: every kind of activity, every
 * standing (no tier, Silver, Gold, for the partner and the rep; figures at and around the monthly
 * thresholds, the streak, Gold's bar; first orders, dormant accounts; the campaign's dates and
 * region). Both must give the same awards (beneficiary, points, rule, campaign) as a multiset, the
 * same tier qualifications, badges and risk flags. No timings.
 */
class StandardProgramParityTest {
  private static final PartnerId DISTRIBUTOR = ChannelFixture.DISTRIBUTOR;
  private static final Partner DISTRIBUTOR_PARTNER = Partner.of(DISTRIBUTOR, "North Distribution",
      PartnerType.DISTRIBUTOR, "north", "IN", INR, LocalDate.of(2026, 1, 1));
  private static final List<String> CATEGORIES = List.of("smart-switches", "switchgear", "wires", "lighting", "fans");
  private static final Instant FROM = Instant.parse("2026-06-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-10-31T00:00:00Z");

  private static DroolsRuleEngine drools;

  @BeforeAll
  static void compile() {
    drools = StandardChannel.drools();
  }

  @Test
  void theTwinAgreesWithTheDrlOnRandomFactsOfTheStandardProgram() {
    Program program = StandardChannel.program(1_000_000);
    Coverage coverage = compare(program, 4_000, 20_261_101L);
    // every rule that pays, flags or qualifies has been exercised, so the agreement means something
    assertThat(coverage.awardRules.keySet()).containsAll(List.of("earn-rate", "product-multiplier", "threshold-bonus",
        "mix-bonus", "training-bonus", "certification-bonus", "referral-bonus", "market-expansion", "reactivation",
        "consistency-streak", "clearance-bonus", "on-time-sell-through", "on-time-report", "campaign-bonus"));
    assertThat(coverage.flags.keySet()).contains("invoice-review", "line-quantity");
    assertThat(coverage.qualifications).containsKeys("silver", "gold");
    assertThat(coverage.capped).as("activities the partner cap cut").isGreaterThan(20);
    assertThat(coverage.periodCapped).as("activities a cap per period cut").isGreaterThan(30);
    assertThat(coverage.split).as("sales split with a rep").isGreaterThan(500);
    assertThat(coverage.multiplied).as("base awards a Gold partner earns 1.5x on").isGreaterThan(300);
    assertThat(coverage.badges).isGreaterThan(20);
  }

  @Test
  void theTwinAgreesWithTheDrlOnAProgramWithOtherParameters() {
    Map<String, String> parameters = new HashMap<>(StandardChannel.PARAMETERS);
    parameters.put("tier-multiplier.kinds", "base, training, bonus, campaign");
    parameters.put("mix.min-categories", "2");
    parameters.put("cap.points-per-activity", "1200");
    parameters.put("certification.points.installer", "0");
    parameters.put("earn.per-amount", "250");
    parameters.put("earn.points", "3");
    parameters.put("cap.monthly.rule.earn-rate", "3000");
    parameters.put("cap.quarterly.campaign.monsoon", "800");
    parameters.put("cap.member.daily.rule.earn-rate", "200");
    Program standard = StandardChannel.program(1_000_000, parameters);
    Campaign festive = new Campaign(CampaignId.of("festive"), "Festive flat bonus", LocalDate.of(2026, 8, 15),
        LocalDate.of(2026, 10, 15), new CampaignTarget(Set.of(), Set.of(), Set.of(), Set.of()), 1_000_000,
        Map.of("bonus-points", "75", "categories", "fans, lighting", "bonus-percent", "10"));
    List<Campaign> campaigns = new ArrayList<>(standard.campaigns());
    campaigns.add(festive);
    Program program = new Program(standard.id(), standard.name(), standard.zone(), standard.pointValue(),
        standard.tiers(), standard.tierPolicy(), campaigns, standard.earnSplit(), standard.expiry(),
        standard.accounts(), parameters);
    Coverage coverage = compare(program, 2_500, 7_777L);
    assertThat(coverage.awardRules.keySet()).contains("campaign-points", "campaign-bonus", "mix-bonus");
    assertThat(coverage.capped).isGreaterThan(50);
    assertThat(coverage.periodCapped).isGreaterThan(100);
  }

  /**
   * Every receipt of the benchmark's workload, recorded end to end with Drools (sentences written on
   * demand), explains itself as it would with the sentences written as the rules fired: the
   * decisions of each activity's outcome equal those of an evaluation of the same facts that writes
   * them at once, read after the whole workload ran (every session reused thousands of times since),
   * and each receipt's explanation carries them.
   */
  @Test
  void everyReceiptOfTheWorkloadExplainsItselfAsIfExplainedAtOnce() {
    StandardChannel channel = new StandardChannel(200);
    Program program = StandardChannel.program(1_000_000_000_000L);
    List<RuleFacts> facts = new ArrayList<>();
    List<RuleOutcome> outcomes = new ArrayList<>();
    RuleEngine capturing = f -> {
      RuleOutcome outcome = drools.evaluate(f);
      facts.add(f);
      outcomes.add(outcome);
      return outcome;
    };
    EngineChannel.Engine engine = channel.engine(program, capturing);
    List<Activity> workload = StandardWorkload.streams("explained", channel, 1, 4_000, 20_261_207L).get(0);
    List<List<String>> explanations = new ArrayList<>();
    for (Activity activity : workload) {
      explanations.add(engine.engine().record(activity).explanation());
    }
    assertThat(outcomes).hasSize(workload.size());
    int decisions = 0;
    for (int i = 0; i < facts.size(); i++) {
      RuleFacts f = facts.get(i);
      RuleOutcome eager = EagerExplanations.during(() -> drools.evaluate(f));
      assertThat(outcomes.get(i).decisions()).as("decisions on %s", f.activity()).isEqualTo(eager.decisions());
      assertThat(outcomes.get(i).awards()).as("awards on %s", f.activity()).isEqualTo(eager.awards());
      for (var d : eager.decisions()) {
        assertThat(explanations.get(i)).as("explanation of %s", f.activity())
            .contains((d.fired() ? "Applied " : "Not applied ") + d.rule() + ": " + d.explanation());
      }
      decisions += eager.decisions().size();
    }
    assertThat(decisions).as("decisions compared").isGreaterThan(workload.size() * 3);
  }

  /**
   * The cap sees what the tier multiplier adds (partner-cap.drl's collect watches points; without
   * it, this invoice paid 6,000 points against the cap of 5,000, which this test first found).
   */
  @Test
  void theCapSeesPointsOnlyTheTierMultiplierAdds() {
    Program program = StandardChannel.program(1_000_000);
    Instant october = Instant.parse("2026-10-20T06:00:00Z"); // after the monsoon campaign
    PartnerId dealerId = PartnerId.of("dealer-01");
    Partner dealer = Partner.of(dealerId, "Dealer 1", PartnerType.DEALER, "north", "IN", INR, LocalDate.of(2026, 1, 1))
        .withParent(DISTRIBUTOR);
    Sale sale = new Sale(new ActivityHeader(ActivityId.of("big-1"), dealerId, Optional.empty(), october), INR,
        List.of(InvoiceLine.of("wires-1", "wires", 1, "400000")));
    Money zero = Money.zero(INR);
    Money month = Money.of(new BigDecimal("2000000"), INR); // both monthly thresholds already passed
    PerformanceFigures figures = new PerformanceFigures(dealerId, october, 3, month, zero, Map.of("wires", month,
        "fans", month), 10, month, 3, 0, 10, Optional.of(october.minus(Duration.ofDays(1))), Set.of());
    RuleFacts facts = new RuleFacts(sale, dealer, Optional.empty(), Optional.of(DISTRIBUTOR_PARTNER), figures,
        Optional.empty(), program.tier(GOLD), Optional.empty(), List.of(), program);

    // base 4,000 points, 6,000 at Gold's 1.5x; the cap is 5,000 per activity
    assertThat(points(drools.evaluate(facts))).isEqualTo(5_000);
    assertThat(points(new StandardProgramJava(StandardChannel.VERSION).evaluate(facts))).isEqualTo(5_000);
  }

  private static long points(RuleOutcome outcome) {
    return outcome.awards().stream().mapToLong(Award::points).sum();
  }

  /** Evaluates {@code count} random facts with both engines; fails listing the first differences. */
  private static Coverage compare(Program program, int count, long seed) {
    RuleEngine java = new StandardProgramJava(StandardChannel.VERSION);
    Facts random = new Facts(program, new SplittableRandom(seed));
    Coverage coverage = new Coverage();
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RuleFacts facts = random.next(i);
      RuleOutcome expected = drools.evaluate(facts);
      RuleOutcome actual = java.evaluate(facts);
      // the sentences Drools wrote on demand (now, after another evaluation in the same session)
      // read as those written as the rules fired
      RuleOutcome eager = EagerExplanations.during(() -> drools.evaluate(facts));
      if (!expected.equals(eager)) {
        differences.add("#" + i + " " + describe(facts) + "\n    explained on demand: " + expected.decisions()
            + "\n    explained at once:   " + eager.decisions());
      }
      String want = Summary.of(expected);
      String got = Summary.of(actual);
      if (!want.equals(got)) {
        differences.add("#" + i + " " + describe(facts) + "\n    drools: " + want + "\n    java:   " + got);
      }
      coverage.add(expected, facts);
    }
    assertThat(differences).as("facts on which the twin disagrees with the DRL (%d of %d)", differences.size(), count)
        .isEmpty();
    return coverage;
  }

  private static String describe(RuleFacts f) {
    PerformanceFigures pf = f.partnerFigures();
    return f.activity() + "\n    partner " + f.partner().id() + " in " + f.partner().region() + " tier "
        + f.partnerTier().map(t -> t.id().value()).orElse("-") + ", member " + f.member().map(m -> m.id().value())
        .orElse("-") + " tier " + f.memberTier().map(t -> t.id().value()).orElse("-") + "; partner figures: month "
        + pf.monthSales().amount() + "/" + pf.monthOrders() + " orders, window " + pf.windowSales().amount() + " "
        + pf.windowSalesByCategory().keySet() + ", streak " + pf.consistencyMonths() + ", lifetime "
        + pf.lifetimeOrders() + ", last " + pf.lastActivity().orElse(null) + "; member figures "
        + f.memberFigures().map(m -> m.windowSales().amount() + " " + m.windowSalesByCategory().keySet())
        .orElse("-") + "; campaigns " + f.campaigns().stream().map(c -> c.id().value()).toList();
  }

  /** What must agree, in a canonical order. */
  private static final class Summary {
    static String of(RuleOutcome o) {
      List<String> awards = new ArrayList<>();
      o.awards().forEach(a -> awards.add(a.beneficiary().value() + ":" + a.points() + ":" + a.rule().ruleId()
          + a.campaign().map(c -> "@" + c.value()).orElse("")));
      List<String> qualifications = new ArrayList<>();
      o.qualifications().forEach(q -> qualifications.add(q.participant().value() + "->" + q.tier().value() + ":"
          + q.rule().ruleId()));
      List<String> badges = new ArrayList<>();
      o.badges().forEach(b -> badges.add(b.participant().value() + ":" + b.badge() + ":" + b.rule().ruleId()));
      List<String> flags = new ArrayList<>();
      o.riskFlags().forEach(r -> flags.add(r.severity() + ":" + r.code() + ":" + r.rule().ruleId()));
      return "awards " + new TreeMap<>(count(awards)) + " qualifications " + new TreeSet<>(qualifications)
          + " badges " + new TreeMap<>(count(badges)) + " flags " + new TreeMap<>(count(flags));
    }

    private static Map<String, Integer> count(List<String> items) {
      Map<String, Integer> counts = new HashMap<>();
      items.forEach(i -> counts.merge(i, 1, Integer::sum));
      return counts;
    }
  }

  /** What the reference outcomes exercised. */
  private static final class Coverage {
    final Map<String, Integer> awardRules = new TreeMap<>();
    final Map<String, Integer> flags = new TreeMap<>();
    final Map<String, Integer> qualifications = new TreeMap<>();
    int capped;
    int periodCapped;
    int split;
    int multiplied;
    int badges;

    void add(RuleOutcome o, RuleFacts facts) {
      o.awards().forEach(a -> awardRules.merge(a.rule().ruleId(), 1, Integer::sum));
      o.riskFlags().forEach(f -> flags.merge(f.code(), 1, Integer::sum));
      o.qualifications().forEach(q -> qualifications.merge(q.tier().value(), 1, Integer::sum));
      capped += o.awards().stream().anyMatch(a -> a.reason().contains("(capped at")) ? 1 : 0;
      periodCapped += o.decisions().stream().anyMatch(d -> d.rule().ruleId().endsWith("period-cap")) ? 1 : 0;
      split += o.awards().stream().anyMatch(a -> a.reason().contains("share)")) ? 1 : 0;
      multiplied += o.awards().stream().anyMatch(a -> a.reason().contains("earns 1.5x")) ? 1 : 0;
      badges += o.badges().size();
    }
  }

  /** Random facts as the engine would build them, with standings chosen to sit at and around the rules' bars. */
  private static final class Facts {
    private final Program program;
    private final SplittableRandom random;

    Facts(Program program, SplittableRandom random) {
      this.program = program;
      this.random = random;
    }

    RuleFacts next(int n) {
      int d = 1 + random.nextInt(20);
      String region = pick("north", "north", "north", "north-east", "islands", "south");
      PartnerType type = random.nextInt(10) == 0 ? PartnerType.RETAILER : PartnerType.DEALER;
      PartnerId dealerId = PartnerId.of(String.format(Locale.ROOT, "dealer-%02d", d));
      Partner dealer = new Partner(dealerId, "Dealer " + d, type, Optional.of(DISTRIBUTOR), region, "IN", INR,
          Set.of(), LocalDate.of(2026, 1, 1), EnrolmentStatus.ACTIVE);
      Optional<Member> rep = random.nextInt(2) == 0 ? Optional.empty()
          : Optional.of(Member.of(ChannelFixture.rep(dealerId, 1 + random.nextInt(2)), dealerId, "Rep",
              MemberRole.SALES_REP, Locale.forLanguageTag("en-IN"), LocalDate.of(2026, 1, 1)));
      Instant at = FROM.plusSeconds(random.nextLong(Duration.between(FROM, TO).getSeconds()));
      Activity activity = activity(n, dealerId, rep.map(Member::id), at);
      Optional<Tier> partnerTier = tier();
      Optional<Tier> memberTier = rep.isPresent() ? tier() : Optional.empty();
      return new RuleFacts(activity, dealer, rep, Optional.of(DISTRIBUTOR_PARTNER), figures(dealerId, at),
          rep.map(m -> figures(m.id(), at)), partnerTier, memberTier,
          program.campaignsFor(dealer, partnerTier.map(Tier::id), at), program, Optional.empty(), earned(dealerId, at),
          rep.map(m -> earned(m.id(), at)));
    }

    /** Points already earned, at and around the caps of both programs of this test. */
    private EarnedPoints earned(ParticipantId who, Instant at) {
      Map<String, Long> rules = Map.of("clearance-bonus", pickLong(0, 100, 140, 150, 400), "training-bonus",
          pickLong(0, 80, 150, 190, 200, 260), "earn-rate", pickLong(0, 1_000, 2_900, 3_000, 5_000));
      PointTotals month = new PointTotals(rules, Map.of(CampaignId.of("monsoon"), pickLong(0, 500, 790, 800, 1_200)));
      Map<EarningPeriod, PointTotals> totals = new LinkedHashMap<>();
      for (EarningPeriod p : EarningPeriod.of(at, program.zone(), program.yearEnd())) {
        totals.put(p, p.kind() == EarningPeriod.Kind.DAY && random.nextBoolean() ? PointTotals.NONE : month);
      }
      return EarnedPoints.of(who, totals);
    }

    private long pickLong(long... values) {
      return values[random.nextInt(values.length)];
    }

    private Optional<Tier> tier() {
      int roll = random.nextInt(3);
      TierId id = roll == 0 ? null : roll == 1 ? SILVER : GOLD;
      return Optional.ofNullable(id).flatMap(program::tier);
    }

    private Activity activity(int n, PartnerId dealer, Optional<MemberId> member, Instant at) {
      ActivityHeader header = new ActivityHeader(ActivityId.of("a-" + n), dealer, member, at);
      int roll = random.nextInt(100);
      LocalDate day = LocalDate.ofInstant(at, ChannelFixture.ZONE);
      if (roll < 6) {
        return new TrainingCompleted(header, pick("basics", "advanced-wiring", "safety"));
      } else if (roll < 12) {
        return new CertificationEarned(header, pick("installer", "solar", "wiring"),
            Optional.of(LocalDate.of(2027, 12, 31)));
      } else if (roll < 17) {
        return new Referral(header, PartnerId.of("retailer-" + random.nextInt(5)));
      } else if (roll < 23) {
        return new SellThroughReport(header, YearMonth.from(day).minusMonths(1), day.plusDays(random.nextInt(5) - 2),
            List.of(new SellThroughLine("CAB-1", "wires", 1 + random.nextInt(50))));
      } else if (roll < 28) {
        return new ReportSubmission(header, "stock-count", day.plusDays(random.nextInt(5) - 2));
      }
      return new Sale(header, INR, lines());
    }

    private List<InvoiceLine> lines() {
      int count = 1 + random.nextInt(random.nextInt(4) == 0 ? 5 : 3);
      List<InvoiceLine> lines = new ArrayList<>();
      Set<String> skus = new TreeSet<>();
      while (lines.size() < count) {
        int kind = random.nextInt(20);
        String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        String sku = kind == 0 ? "SW-PRO" : kind == 1 ? "OLD-1" : kind == 2 ? "OLD-2"
            : category + "-" + random.nextInt(30);
        if (kind == 0) {
          category = "smart-switches";
        }
        if (!skus.add(sku)) {
          continue;
        }
        long quantity = random.nextInt(60) == 0 ? 990 + random.nextInt(30) : 1 + random.nextInt(30);
        int scale = random.nextInt(10);
        // mostly ordinary prices; now and then a tiny line, or one big enough for the cap and the review
        long paise = scale == 0 ? random.nextInt(20_000) : scale < 8 ? 5_000 + random.nextInt(500_000)
            : scale < 9 ? 1_000_000 + random.nextInt(5_000_000) : random.nextInt(200) == 0 ? 0
            : 50_000_000L + random.nextLong(150_000_000L);
        if (quantity > 900) {
          paise = Math.min(paise, 500_000);
        }
        lines.add(InvoiceLine.of(sku, category, quantity, BigDecimal.valueOf(paise, 2).toPlainString()));
      }
      return lines;
    }

    private PerformanceFigures figures(ParticipantId who, Instant asOf) {
      BigDecimal window = pickAmount("0", "120000", "450000", "499999.99", "500000", "800000", "2500000");
      Map<String, Money> categories = new HashMap<>();
      int distinct = window.signum() == 0 ? 0 : random.nextInt(4);
      for (int i = 0; i < distinct; i++) {
        categories.put(CATEGORIES.get(random.nextInt(CATEGORIES.size())), Money.of(window.divide(BigDecimal.valueOf(
            distinct), 2, RoundingMode.DOWN).max(new BigDecimal("0.01")), INR));
      }
      BigDecimal month = pickAmount("0", "10000", "499000", "499999", "500000", "600000", "990000", "1000000",
          "1400000");
      if (random.nextInt(4) == 0) {
        month = BigDecimal.valueOf(random.nextLong(1_200_000_00L), 2);
      }
      long lifetime = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(200);
      Optional<Instant> last = lifetime == 0 || random.nextInt(6) == 0 ? Optional.empty()
          : Optional.of(asOf.minus(Duration.ofHours(random.nextInt(4) == 0 ? 24 * 85 + random.nextInt(24 * 10)
              : random.nextInt(24 * 200))));
      Set<String> certifications = random.nextInt(3) == 0 ? Set.of("installer") : Set.of();
      return new PerformanceFigures(who, asOf, 3, Money.of(window, INR), Money.of(window.divide(BigDecimal.valueOf(2)),
          INR), categories, lifetime, Money.of(month, INR), random.nextInt(3) == 0 ? 0 : random.nextInt(4),
          random.nextInt(9), lifetime, last, certifications);
    }

    private BigDecimal pickAmount(String... amounts) {
      return new BigDecimal(amounts[random.nextInt(amounts.length)]);
    }

    private String pick(String... options) {
      return options[random.nextInt(options.length)];
    }
  }
}
