package dev.loyalty.rules;

import static dev.loyalty.core.testing.ChannelFixture.GOLD;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.SILVER;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;

import dev.loyalty.core.model.CampaignId;
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
import dev.loyalty.rules.standard.StandardRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A program built only from the ready-made rules: every rule switched on by its parameters, the
 * channel fixture's Silver and Gold tiers, and a monsoon campaign for northern dealers.
 */
final class StandardProgram {
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

  private StandardProgram() {
  }

  /** The program, with the monsoon campaign's budget {@code campaignBudget}. */
  static Program program(long campaignBudget) {
    Tier silver = new Tier(SILVER, "Silver", TierCriteria.none(), BigDecimal.ONE);
    Tier gold = new Tier(GOLD, "Gold", new TierCriteria(Map.of(INR, new BigDecimal("500000")), Optional.empty(), 2, 0,
        Set.of()), new BigDecimal("1.5"));
    Campaign monsoon = new Campaign(CampaignId.of("monsoon"), "Monsoon push", LocalDate.of(2026, 7, 1),
        LocalDate.of(2026, 9, 30), new CampaignTarget(Set.of("north"), Set.of(PartnerType.DEALER), Set.of(), Set.of()),
        campaignBudget, Map.of("bonus-percent", "50", "min-invoice", "10000"));
    return new Program("standard-2026", "Standard Channel Rewards", ZONE, Map.of(INR, new BigDecimal("0.25")),
        List.of(silver, gold), new TierPolicy(3, Period.ofMonths(1)), List.of(monsoon), new EarnSplit(70, 30),
        new ExpiryPolicy.AfterMonths(12), ProgramAccounts.standard("std"), PARAMETERS);
  }

  /** An engine with every ready-made rule, compiled once per test class (a few seconds). */
  static DroolsRuleEngine engine() {
    return DroolsRuleEngine.of(StandardRules.ruleSet("standard-1", Instant.MIN));
  }
}
