package dev.loyalty.examples.bench;

import static dev.loyalty.core.testing.ChannelFixture.GOLD;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.SILVER;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;

import dev.loyalty.core.InMemoryPartnerDirectory;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
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
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.standard.StandardRules;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ready-made program of loyalty-rules' tests (its {@code StandardProgram}: every ready-made rule
 * switched on by a parameter, the Silver and Gold tiers, the monsoon campaign for northern dealers)
 * and a channel for it: a distributor with many dealers, two reps each, most in the north (where
 * the campaign runs), one in ten in a region the program is opening (market expansion), and a few
 * retailers a dealer can refer. The directory is read-only once built, so engines share it.
 */
final class StandardChannel {

  /** The rule set version both engines name in their awards. */
  static final String VERSION = "standard-1";
  /** The engines' clock: every activity of the workload is dated before it. */
  static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
  static final int REPS_PER_DEALER = 2;
  static final List<String> NEW_MARKETS = List.of("north-east", "islands");

  /** A copy of loyalty-rules' {@code StandardProgram.PARAMETERS} (a test class, not published). */
  static final Map<String, String> PARAMETERS = Map.ofEntries(
      Map.entry("review.invoice-above", "2000000"), Map.entry("block.line-quantity-above", "1000"),
      Map.entry("earn.points", "1"), Map.entry("earn.per-amount", "100"),
      Map.entry("multiplier.category.smart-switches", "2"), Map.entry("multiplier.sku.SW-PRO", "3"),
      Map.entry("threshold.monthly-sales", "500000:500, 1000000:1500"),
      Map.entry("mix.points", "200"),
      Map.entry("training.points", "50"), Map.entry("training.points.advanced-wiring", "120"),
      Map.entry("certification.points", "150"),
      Map.entry("referral.points", "300"),
      Map.entry("expansion.regions", "north-east, islands"), Map.entry("expansion.points", "400"),
      Map.entry("reactivation.dormant-days", "90"), Map.entry("reactivation.points", "250"),
      Map.entry("streak.months", "3"), Map.entry("streak.points", "300"),
      Map.entry("clearance.skus", "OLD-1, OLD-2"), Map.entry("clearance.points-per-unit", "5"),
      Map.entry("reporting.points", "25"),
      Map.entry("cap.points-per-activity", "5000"));

  final List<PartnerId> dealers;
  final List<PartnerId> retailers;
  final InMemoryPartnerDirectory directory = new InMemoryPartnerDirectory();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  StandardChannel(int dealerCount) {
    LocalDate enrolled = LocalDate.of(2026, 1, 1);
    directory.put(Partner.of(ChannelFixture.DISTRIBUTOR, "North Distribution", PartnerType.DISTRIBUTOR, "north", "IN",
        INR, enrolled));
    List<PartnerId> ids = new ArrayList<>(dealerCount);
    for (int d = 1; d <= dealerCount; d++) {
      PartnerId dealer = PartnerId.of(String.format(Locale.ROOT, "dealer-%03d", d));
      ids.add(dealer);
      String region = d % 10 == 0 ? NEW_MARKETS.get(d / 10 % 2) : "north";
      directory.put(Partner.of(dealer, "Dealer " + d, PartnerType.DEALER, region, "IN", INR, enrolled)
          .withParent(ChannelFixture.DISTRIBUTOR));
      for (int r = 1; r <= REPS_PER_DEALER; r++) {
        directory.put(Member.of(ChannelFixture.rep(dealer, r), dealer, "Rep " + r + " of dealer " + d,
            MemberRole.SALES_REP, Locale.forLanguageTag("en-IN"), enrolled));
      }
    }
    List<PartnerId> shops = new ArrayList<>();
    for (int r = 1; r <= 20; r++) {
      PartnerId retailer = PartnerId.of(String.format(Locale.ROOT, "retailer-%02d", r));
      shops.add(retailer);
      directory.put(Partner.of(retailer, "Retailer " + r, PartnerType.RETAILER, "north", "IN", INR, enrolled));
    }
    this.dealers = List.copyOf(ids);
    this.retailers = List.copyOf(shops);
  }

  /**
   * The program of loyalty-rules' {@code StandardProgram} with {@code campaignBudget} points in the
   * monsoon campaign.
   */
  static Program program(long campaignBudget) {
    return program(campaignBudget, PARAMETERS);
  }

  /** {@link #program(long)} with other rule parameters. */
  static Program program(long campaignBudget, Map<String, String> parameters) {
    Tier silver = new Tier(SILVER, "Silver", TierCriteria.none(), BigDecimal.ONE);
    Tier gold = new Tier(GOLD, "Gold", new TierCriteria(Map.of(INR, new BigDecimal("500000")), Optional.empty(), 2, 0,
        Set.of()), new BigDecimal("1.5"));
    Campaign monsoon = new Campaign(CampaignId.of("monsoon"), "Monsoon push", LocalDate.of(2026, 7, 1),
        LocalDate.of(2026, 9, 30), new CampaignTarget(Set.of("north"), Set.of(PartnerType.DEALER), Set.of(), Set.of()),
        campaignBudget, Map.of("bonus-percent", "50", "min-invoice", "10000"));
    return new Program("standard-2026", "Standard Channel Rewards", ZONE, Map.of(INR, new BigDecimal("0.25")),
        List.of(silver, gold), new TierPolicy(3, Period.ofMonths(1)), List.of(monsoon), new EarnSplit(70, 30),
        new ExpiryPolicy.AfterMonths(12), ProgramAccounts.standard("std"), parameters);
  }

  /** Drools with every ready-made rule (a few seconds to compile). */
  static DroolsRuleEngine drools() {
    return DroolsRuleEngine.of(StandardRules.ruleSet(VERSION, Instant.MIN));
  }

  /** A fresh engine on a fresh in-memory ledger, with a listener that counts the events it is given. */
  EngineChannel.Engine engine(Program program, RuleEngine rules) {
    LongAdder events = new LongAdder();
    LoyaltyEngine engine = LoyaltyEngine.builder(program, rules).ledger(Ledger.inMemory(clock)).directory(directory)
        .listener("bench", e -> events.increment()).build();
    return new EngineChannel.Engine(engine, events);
  }
}
