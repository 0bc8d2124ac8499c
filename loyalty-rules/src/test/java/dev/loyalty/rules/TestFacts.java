package dev.loyalty.rules;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
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
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.testing.ChannelFixture;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rule facts for tests, without an engine: a dealer of the channel fixture under its distributor,
 * optionally with a rep, a tier and figures.
 */
public final class TestFacts {
  static final PartnerId DEALER = ChannelFixture.DEALERS.get(0);
  static final MemberId REP = ChannelFixture.rep(DEALER, 1);
  static final Instant JULY = Instant.parse("2026-07-15T06:00:00Z");
  static final Partner DISTRIBUTOR_PARTNER = Partner.of(ChannelFixture.DISTRIBUTOR, "North Distribution",
      PartnerType.DISTRIBUTOR, "north", "IN", ChannelFixture.INR, LocalDate.of(2026, 1, 1));
  static final Partner DEALER_PARTNER = Partner.of(DEALER, "Dealer A", PartnerType.DEALER, "north", "IN",
      ChannelFixture.INR, LocalDate.of(2026, 1, 1)).withParent(ChannelFixture.DISTRIBUTOR);
  static final Member REP_MEMBER = Member.of(REP, DEALER, "Rep 1", MemberRole.SALES_REP,
      Locale.forLanguageTag("en-IN"), LocalDate.of(2026, 1, 1));

  private Program program = ChannelFixture.program(300);
  private String id = "inv-1";
  private Instant at = JULY;
  private final List<InvoiceLine> lines = new ArrayList<>();
  private Activity activity;
  private boolean withRep;
  private TierId tier;
  private BigDecimal monthSales = BigDecimal.ZERO;
  private long lifetimeOrders = 5;
  private int consistencyMonths;
  private long monthOrders;
  private BigDecimal windowSales = BigDecimal.ZERO;
  private Map<String, Money> windowCategories = Map.of();
  private Set<String> certifications = Set.of();
  private Optional<Instant> lastActivity = Optional.empty();
  private Partner partner = DEALER_PARTNER;
  private final Map<String, Long> earnedThisMonth = new HashMap<>();
  private BigDecimal bestMonth = BigDecimal.ZERO;
  private int monthsWithSales;

  private TestFacts() {
  }

  /** An invoice of one line in "cables" worth {@code amount}. */
  public static TestFacts sale(String amount) {
    return new TestFacts().line("CAB-1", "cables", amount);
  }

  /** An invoice with no lines yet (add them with {@code line}). */
  static TestFacts invoice() {
    return new TestFacts();
  }

  /** An activity other than a sale. */
  static TestFacts of(Activity activity) {
    TestFacts f = new TestFacts();
    f.activity = activity;
    return f;
  }

  /** A training completed by the rep. */
  static TestFacts training(String course) {
    TestFacts f = new TestFacts();
    f.withRep = true;
    f.activity = new TrainingCompleted(new ActivityHeader(ActivityId.of("trn-1"), DEALER, Optional.of(REP), JULY),
        course);
    return f;
  }

  TestFacts line(String sku, String category, String amount) {
    lines.add(InvoiceLine.of(sku, category, 1, amount));
    return this;
  }

  TestFacts line(String sku, String category, long quantity, String unitPrice) {
    lines.add(InvoiceLine.of(sku, category, quantity, unitPrice));
    return this;
  }

  TestFacts id(String value) {
    id = value;
    return this;
  }

  TestFacts at(Instant value) {
    at = value;
    return this;
  }

  public TestFacts rep() {
    withRep = true;
    return this;
  }

  public TestFacts tier(TierId value) {
    tier = value;
    return this;
  }

  TestFacts monthSales(String value) {
    monthSales = new BigDecimal(value);
    return this;
  }

  TestFacts firstOrder() {
    lifetimeOrders = 0;
    return this;
  }

  TestFacts streak(int months) {
    consistencyMonths = months;
    return this;
  }

  /** Orders the partner already has this month (0: this is the month's first). */
  public TestFacts monthOrders(long value) {
    monthOrders = value;
    return this;
  }

  /** Net sales in the window before the activity, all in one category ("cables"). */
  public TestFacts windowSales(String value) {
    windowSales = new BigDecimal(value);
    windowCategories = Map.of("cables", Money.of(windowSales, ChannelFixture.INR));
    return this;
  }

  /** The best month before this one sold {@code amount}, and {@code months} earlier months had sales. */
  TestFacts bestMonth(String amount, int months) {
    bestMonth = new BigDecimal(amount);
    monthsWithSales = months;
    return this;
  }

  public TestFacts certifications(String... codes) {
    certifications = Set.of(codes);
    return this;
  }

  /** The partner's latest activity was {@code days} days before this one. */
  public TestFacts idleDays(long days) {
    lastActivity = Optional.of(at.minus(java.time.Duration.ofDays(days)));
    return this;
  }

  /** The dealer, moved to {@code value} region. */
  public TestFacts region(String value) {
    partner = new Partner(DEALER_PARTNER.id(), DEALER_PARTNER.name(), DEALER_PARTNER.type(), DEALER_PARTNER.parent(),
        value, DEALER_PARTNER.country(), DEALER_PARTNER.currency(), DEALER_PARTNER.segments(),
        DEALER_PARTNER.enrolledOn(), DEALER_PARTNER.status());
    return this;
  }

  /**
   * The partner's organisation earned {@code points} from rule {@code rule} before the activity, in
   * its month (and so its quarter and year), none of it on its day.
   */
  public TestFacts earnedThisMonth(String rule, long points) {
    earnedThisMonth.put(rule, points);
    return this;
  }

  TestFacts program(Program value) {
    program = value;
    return this;
  }

  /** The program with {@code extra} parameters added (or replaced). */
  public TestFacts parameters(Map<String, String> extra) {
    Map<String, String> all = new HashMap<>(program.parameters());
    all.putAll(extra);
    program = withParameters(program, all);
    return this;
  }

  /**
   * The channel fixture's program with {@code budget} points per campaign and no rule parameters
   * (nor campaign parameters),
   * for rule sets that read none (an engine refuses a program whose parameters its rules do not read).
   */
  static Program withoutParameters(long budget) {
    Program p = ChannelFixture.program(budget);
    List<Campaign> campaigns = p.campaigns().stream().map(c -> new Campaign(c.id(), c.name(), c.startsOn(),
        c.endsOn(), c.target(), c.budget(), Map.of())).toList();
    return new Program(p.id(), p.name(), p.zone(), p.pointValue(), p.tiers(), p.tierPolicy(), campaigns,
        p.earnSplit(), p.expiry(), p.accounts(), Map.of());
  }

  static Program withParameters(Program p, Map<String, String> parameters) {
    return new Program(p.id(), p.name(), p.zone(), p.pointValue(), p.tiers(), p.tierPolicy(), p.campaigns(),
        p.earnSplit(), p.expiry(), p.accounts(), parameters);
  }

  public RuleFacts facts() {
    Activity a = activity != null ? activity
        : new Sale(new ActivityHeader(ActivityId.of(id), DEALER, withRep ? Optional.of(REP) : Optional.empty(), at),
            ChannelFixture.INR, lines);
    Optional<Member> member = withRep ? Optional.of(REP_MEMBER) : Optional.empty();
    Optional<Tier> partnerTier = Optional.ofNullable(tier).flatMap(program::tier);
    List<EarningPeriod> periods = EarningPeriod.of(a.occurredAt(), program.zone(), program.yearEnd());
    Map<EarningPeriod, PointTotals> earned = new LinkedHashMap<>();
    for (EarningPeriod p : periods) {
      earned.put(p, p.kind() == EarningPeriod.Kind.DAY ? PointTotals.NONE : new PointTotals(earnedThisMonth, Map.of()));
    }
    return new RuleFacts(a, partner, member, Optional.of(DISTRIBUTOR_PARTNER), figures(DEALER, a.occurredAt()),
        member.map(m -> figures(m.id(), a.occurredAt())), partnerTier, Optional.empty(),
        program.campaignsFor(partner, partnerTier.map(Tier::id), a.occurredAt()), program, Optional.empty(),
        EarnedPoints.of(partner.id(), earned), member.map(m -> EarnedPoints.none(m.id(), periods)));
  }

  private PerformanceFigures figures(ParticipantId who, Instant asOf) {
    Money zero = Money.zero(ChannelFixture.INR);
    return new PerformanceFigures(who, asOf, 3, Money.of(windowSales, ChannelFixture.INR), zero, windowCategories,
        lifetimeOrders, Money.of(monthSales, ChannelFixture.INR), monthOrders, consistencyMonths, lifetimeOrders,
        lastActivity, certifications, Money.of(bestMonth, ChannelFixture.INR), monthsWithSales);
  }
}
