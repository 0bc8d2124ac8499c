package dev.loyalty.rules;

import static dev.loyalty.rules.TestFacts.DEALER;
import static dev.loyalty.rules.TestFacts.REP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.Badge;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.rules.TierQualification;
import dev.loyalty.core.testing.ChannelFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What each stage sees and the results of every type, as they reach the outcome. */
class StagesTest {
  private static DroolsRuleEngine engine;

  @BeforeAll
  static void compileOnce() {
    engine = DroolsRuleEngine.of(RuleSet.always("s1", RuleSource.of("stages.drl", """
        package stages;
        import dev.loyalty.core.activity.*;
        import dev.loyalty.core.model.*;
        import dev.loyalty.core.program.*;
        import dev.loyalty.core.rules.RiskFlag;
        import dev.loyalty.rules.facts.*;
        import java.math.BigDecimal;

        rule "huge invoice" @ruleId("huge-invoice") ruleflow-group "risk"
        when
          Sale( total.amount > 1000000 )
        then
          insert(RiskAlert.block("huge-invoice", "Invoices above 1,000,000 are refused."));
        end

        rule "base" @ruleId("base-points") ruleflow-group "award"
        when
          Partner( $p : id )
          Sale( $total : total.amount >= 100 )
        then
          insert(PointsAward.of($p, $total.longValue() / 100, "base", "Base."));
        end

        rule "monsoon bonus" @ruleId("monsoon-bonus") ruleflow-group "award"
        when
          Partner( $p : id )
          Sale( id.value == "inv-campaign" )
          $c : Campaign( id.value == "monsoon" )
        then
          insert(PointsAward.fromCampaign($p, 40, "campaign", "Monsoon push.", $c.id()));
        end

        rule "gold for big buyers" @ruleId("gold-qualification") ruleflow-group "award"
        when
          Partner( $p : id )
          Sale( total.amount >= 600000 )
          not PartnerTier( id.value == "gold" )
        then
          insert(Qualification.of($p, "gold", "A single invoice of 600,000 or more."));
        end

        rule "tier multiplier" @ruleId("tier-multiplier") ruleflow-group "multiply"
        when
          PartnerTier( $factor : earnMultiplier > 1 )
          $a : PointsAward( kind == "base" )
        then
          modify($a) { multiply($factor, "Tier " + $factor + "x.") }
        end

        rule "late insert" @ruleId("late-insert") ruleflow-group "cap"
        when
          Partner( $p : id )
          Sale( id.value == "inv-late" )
        then
          insert(PointsAward.of($p, 100, "base", "Inserted by a cap rule."));
        end

        rule "take away ten" @ruleId("take-away-ten") ruleflow-group "cap"
        when
          Sale( id.value == "inv-reduce" )
          $a : PointsAward( kind == "base", !split )
        then
          modify($a) { reduceBy(10, "Ten points less.") }
        end

        rule "split" @ruleId("split") ruleflow-group "split"
        when
          Member( $rep : id )
          $a : PointsAward( toPartner, !split )
        then
          PointsAward share = $a.splitPercent($rep, 50, "(half to the rep)");
          update($a);
          insert(share);
        end

        rule "team sale" @ruleId("team-sale") ruleflow-group "audit"
        when
          Partner( $p : id )
          exists PointsAward( toMember )
        then
          insert(new BadgeAward($p, "team-sale", "A rep shared the points."));
        end

        rule "nothing for refused invoices" @ruleId("no-points-when-blocked") ruleflow-group "audit"
        when
          RiskAlert( severity == RiskFlag.Severity.BLOCK )
          $a : PointsAward( )
        then
          delete($a);
        end
        """)));
  }

  private static RuleRef ref(String id) {
    return RuleRef.of(id, "s1");
  }

  @Test
  void aLaterStage_doesNotWakeAnEarlierOne() {
    // the cap stage inserts a base award after the multiply stage is over: it is not multiplied
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("1000").id("inv-late").tier(ChannelFixture.GOLD).facts());

    assertThat(outcome.awards()).containsExactly(
        Award.of(DEALER, 15, ref("base-points"), "Base. Tier 1.5x."),
        Award.of(DEALER, 100, ref("late-insert"), "Inserted by a cap rule."));
  }

  @Test
  void campaignAwards_nameTheirCampaign_andSharesKeepIt() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("100").id("inv-campaign").rep().facts());

    assertThat(outcome.awards()).containsExactly(
        Award.of(DEALER, 1, ref("base-points"), "Base."),
        Award.fromCampaign(DEALER, 20, ref("monsoon-bonus"), "Monsoon push.", CampaignId.of("monsoon")),
        Award.fromCampaign(REP, 20, ref("monsoon-bonus"), "Monsoon push. (half to the rep)", CampaignId.of("monsoon")));
    assertThat(outcome.badges()).containsExactly(new Badge(DEALER, "team-sale", ref("team-sale"),
        "A rep shared the points."));
  }

  @Test
  void reduceBy_takesPointsAway_andSaysSo() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("2500").id("inv-reduce").facts());

    assertThat(outcome.awards()).containsExactly(Award.of(DEALER, 15, ref("base-points"), "Base. Ten points less."));
  }

  @Test
  void qualifications_becomeTierQualifications() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("600000").facts());

    assertThat(outcome.qualifications()).containsExactly(new TierQualification(DEALER, TierId.of("gold"),
        ref("gold-qualification"), "A single invoice of 600,000 or more."));
  }

  @Test
  void aBlockedInvoice_flagsIt_andAnAuditRuleWithdrawsItsAwards() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("2000000").facts());

    assertThat(outcome.riskFlags()).containsExactly(new RiskFlag(RiskFlag.Severity.BLOCK, "huge-invoice",
        ref("huge-invoice"), "Invoices above 1,000,000 are refused."));
    assertThat(outcome.awards()).isEmpty();
    assertThat(outcome.decisions()).extracting(d -> d.rule().ruleId() + ": " + d.explanation()).contains(
        "no-points-when-blocked: Withdrew the award of 20000 points to partner dealer-a (base) (matched risk alert "
            + "huge-invoice, award of 20000 points to partner dealer-a (base)).");
    assertThat(outcome.qualifications()).hasSize(1);
  }

  @Test
  void eachStageRunsOnce_inOrder() {
    RuleOutcome outcome = engine.evaluate(TestFacts.sale("2000000").rep().tier(ChannelFixture.GOLD)
        .id("inv-reduce").facts());

    assertThat(outcome.decisions()).extracting(d -> d.rule().ruleId()).containsExactly("huge-invoice",
        "base-points", "tier-multiplier", "take-away-ten", "split", "team-sale", "no-points-when-blocked",
        "no-points-when-blocked");
    assertThat(outcome.awards()).isEmpty();
    assertThat(outcome.badges()).extracting(Badge::badge).containsExactly("team-sale");
  }
}
