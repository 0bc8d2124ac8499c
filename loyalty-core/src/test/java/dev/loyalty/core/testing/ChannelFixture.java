package dev.loyalty.core.testing;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.jdbc.JdbcActivityJournal;
import dev.loyalty.core.jdbc.JdbcPartnerDirectory;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.CampaignTarget;
import dev.loyalty.core.program.EarnSplit;
import dev.loyalty.core.program.ExpiryPolicy;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramAccounts;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.program.TierCriteria;
import dev.loyalty.core.program.TierPolicy;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PartnerRegistry;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.spi.TestClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The seeds' channel: a distributor in the north with three dealers, each with two sales reps, on
 * a program with silver and gold tiers, a monsoon campaign with a small budget, and the sample rules.
 */
public final class ChannelFixture {
  public static final Currency INR = Currency.getInstance("INR");
  public static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
  public static final PartnerId DISTRIBUTOR = PartnerId.of("dist-north");
  public static final List<PartnerId> DEALERS = List.of(PartnerId.of("dealer-a"), PartnerId.of("dealer-b"),
      PartnerId.of("dealer-c"));
  public static final TierId SILVER = TierId.of("silver");
  public static final TierId GOLD = TierId.of("gold");

  public final TestClock clock;
  public final PartnerRegistry directory;
  public final Program program;
  public final Ledger ledger;
  public final ActivityJournal journal;
  public final List<LoyaltyEvent> events = Collections.synchronizedList(new ArrayList<>());
  public final LoyaltyEngine engine;

  public ChannelFixture(Instant start) {
    this(start, new SampleRules(), 300);
  }

  public ChannelFixture(Instant start, RuleEngine rules, long campaignBudget) {
    this(start, rules, campaignBudget, Ledger::inMemory);
  }

  /** A fixture whose ledger {@code ledgers} makes on the fixture's clock (the PostgreSQL store, say). */
  public ChannelFixture(Instant start, RuleEngine rules, long campaignBudget,
      java.util.function.Function<java.time.Clock, Ledger> ledgers) {
    this(start, program(campaignBudget), rules, ledgers);
  }

  /** The fixture's channel (a distributor, dealers, reps) in {@code program}, on {@code rules}. */
  public ChannelFixture(Instant start, Program program, RuleEngine rules) {
    this(start, program, rules, Ledger::inMemory);
  }

  /** The fixture's channel in {@code program} on an existing {@code ledger} (an engine started again, say). */
  public static ChannelFixture onLedger(Instant start, Program program, RuleEngine rules, Ledger ledger) {
    return new ChannelFixture(start, program, rules, clock -> ledger, ActivityJournal.inMemory());
  }

  /** The fixture's channel in {@code program}, keeping activities in {@code journal}. */
  public static ChannelFixture withJournal(Instant start, Program program, RuleEngine rules, ActivityJournal journal) {
    return new ChannelFixture(start, program, rules, Ledger::inMemory, journal);
  }

  /**
   * The fixture's channel in {@code program} with every store (the directory too) in the PostgreSQL
   * database of {@code dataSource}: an engine whose activities are each one transaction. The
   * partners are enrolled again (a replace), so a second fixture on the same database is a second
   * application instance.
   */
  public static ChannelFixture onPostgres(Instant start, Program program, RuleEngine rules, DataSource dataSource) {
    return new ChannelFixture(start, program, rules, dataSource);
  }

  private ChannelFixture(Instant start, Program program, RuleEngine rules,
      java.util.function.Function<java.time.Clock, Ledger> ledgers) {
    this(start, program, rules, ledgers, ActivityJournal.inMemory());
  }

  private ChannelFixture(Instant start, Program program, RuleEngine rules,
      java.util.function.Function<java.time.Clock, Ledger> ledgers, ActivityJournal journal) {
    clock = new TestClock(start);
    this.program = program;
    ledger = ledgers.apply(clock);
    this.journal = journal;
    directory = enrol(PartnerDirectory.inMemory());
    engine = LoyaltyEngine.builder(program, rules).ledger(ledger).directory(directory).journal(journal)
        .listener("test", events::add).build();
  }

  private ChannelFixture(Instant start, Program program, RuleEngine rules, DataSource dataSource) {
    clock = new TestClock(start);
    this.program = program;
    directory = enrol(JdbcPartnerDirectory.using(dataSource));
    journal = JdbcActivityJournal.using(dataSource);
    engine = LoyaltyEngine.builder(program, rules).postgres(dataSource).directory(directory).clock(clock)
        .listener("test", events::add).build();
    ledger = engine.ledger();
  }

  public static Program program(long campaignBudget) {
    Tier silver = new Tier(SILVER, "Silver", TierCriteria.none(), BigDecimal.ONE);
    Tier gold = new Tier(GOLD, "Gold", new TierCriteria(Map.of(INR, new BigDecimal("500000")), Optional.empty(), 2, 0,
        Set.of()), new BigDecimal("1.5"));
    Campaign monsoon = new Campaign(dev.loyalty.core.model.CampaignId.of("monsoon"), "Monsoon push",
        LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30),
        new CampaignTarget(Set.of("north"), Set.of(PartnerType.DEALER), Set.of(), Set.of()), campaignBudget,
        Map.of("bonus-percent", "50"));
    return new Program("acme-2026", "Acme Channel Rewards", ZONE, Map.of(INR, new BigDecimal("0.25")),
        List.of(silver, gold), new TierPolicy(3, Period.ofMonths(1)), List.of(monsoon), new EarnSplit(70, 30),
        new ExpiryPolicy.AfterMonths(12), ProgramAccounts.standard("acme"),
        Map.ofEntries(Map.entry("points-per-100", "1"), Map.entry("premium-categories", "smart-switches"),
            Map.entry("premium-multiplier", "2"), Map.entry("mix-min-categories", "3"),
            Map.entry("mix-bonus-points", "200"), Map.entry("monthly-threshold", "500000"),
            Map.entry("threshold-bonus-points", "500"), Map.entry("training-points", "50"),
            Map.entry("certification-points", "150"), Map.entry("referral-points", "300"),
            Map.entry("report-points", "25")));
  }

  /**
   * Enrols the fixture's channel in {@code directory} in one bulk enrolment: a distributor, its
   * dealers with two reps each, and a new retailer, all in the north region. Returns the directory.
   */
  public static PartnerRegistry enrol(PartnerRegistry directory) {
    LocalDate enrolled = LocalDate.of(2026, 1, 1);
    List<Partner> partners = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    partners.add(Partner.of(DISTRIBUTOR, "North Distribution", PartnerType.DISTRIBUTOR, "north", "IN", INR, enrolled));
    for (PartnerId dealer : DEALERS) {
      partners.add(Partner.of(dealer, "Dealer " + dealer, PartnerType.DEALER, "north", "IN", INR, enrolled)
          .withParent(DISTRIBUTOR));
      for (int i = 1; i <= 2; i++) {
        members.add(Member.of(rep(dealer, i), dealer, "Rep " + i + " of " + dealer, MemberRole.SALES_REP,
            Locale.forLanguageTag("en-IN"), enrolled));
      }
    }
    partners.add(Partner.of(PartnerId.of("retailer-new"), "New Retailer", PartnerType.RETAILER, "north", "IN", INR,
        enrolled));
    return directory.enrol(partners, members);
  }

  /** {@code program} with {@code budget} points in each campaign and {@code parameters} as its rule parameters. */
  public static Program withBudgetAndParameters(Program program, long budget, Map<String, String> parameters) {
    List<Campaign> campaigns = new ArrayList<>();
    for (Campaign c : program.campaigns()) {
      campaigns.add(new Campaign(c.id(), c.name(), c.startsOn(), c.endsOn(), c.target(), budget, c.parameters()));
    }
    return new Program(program.id(), program.name(), program.zone(), program.pointValue(), program.tiers(),
        program.tierPolicy(), campaigns, program.earnSplit(), program.expiry(), program.accounts(), parameters,
        program.reviewAbovePoints(), program.redemptionHoldTimeout());
  }

  /**
   * Points issued in all: what the issuance account gave for base awards and the funding accounts
   * gave the campaign budgets (each system account's balance is minus what it gave).
   */
  public long issued() {
    long issued = -ledger.balance(program.accounts().issuance()).posted();
    for (Campaign c : program.campaigns()) {
      issued = Math.addExact(issued, -ledger.balance(program.accounts().funding(c.id())).posted());
    }
    return issued;
  }

  /** {@code program} with {@code policy} as its tier policy. */
  public static Program withTierPolicy(Program program, TierPolicy policy) {
    return new Program(program.id(), program.name(), program.zone(), program.pointValue(), program.tiers(), policy,
        program.campaigns(), program.earnSplit(), program.expiry(), program.accounts(), program.parameters(),
        program.reviewAbovePoints(), program.redemptionHoldTimeout());
  }

  /** A reviewer of activities and claims: {@code DECIDE_REVIEW} and {@code DECIDE_CLAIM}, no limit, any partner. */
  public static Actor reviewer(String name) {
    return Actor.of(ActorId.of(name), Roles.REVIEWER);
  }

  /** The three dealers, each followed by its two reps: everyone who earns in the fixture's streams. */
  public static List<ParticipantId> dealersAndReps() {
    List<ParticipantId> all = new ArrayList<>();
    for (PartnerId dealer : DEALERS) {
      all.add(dealer);
      all.add(rep(dealer, 1));
      all.add(rep(dealer, 2));
    }
    return all;
  }

  /** Rep {@code n} (1 or 2) of {@code dealer}. */
  public static MemberId rep(PartnerId dealer, int n) {
    return MemberId.of(dealer.value() + "-rep-" + n);
  }

  /** An invoice of one line. */
  public static Sale sale(String id, PartnerId dealer, Optional<MemberId> rep, Instant at, String sku, String category,
      long quantity, String unitPrice) {
    return new Sale(new ActivityHeader(ActivityId.of(id), dealer, rep, at), INR,
        List.of(InvoiceLine.of(sku, category, quantity, unitPrice)));
  }

  /** A return of {@code quantity} units of {@code sku} of {@code invoice}. */
  public static SaleReturn saleReturn(String id, PartnerId dealer, Instant at, String invoice, String sku,
      long quantity) {
    return new SaleReturn(new ActivityHeader(ActivityId.of(id), dealer, Optional.empty(), at), ActivityId.of(invoice),
        List.of(new ReturnLine(sku, quantity)));
  }
}
