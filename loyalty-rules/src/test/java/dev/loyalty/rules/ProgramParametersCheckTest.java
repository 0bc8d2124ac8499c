package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.InputProblem;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramDefinitionException;
import dev.loyalty.ledger.Ledger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Building an engine checks the program's parameters against the rule sets installed: a name no
 * rule reads (a misspelling would silently pay nothing) and a value a ready-made rule cannot read
 * are refused by {@code LoyaltyEngine.builder(...).build()}, each at its JSON path with a
 * suggestion, before anything is opened; the names an integrator's own DRL reads are known from it.
 */
class ProgramParametersCheckTest {
  private static DroolsRuleEngine standard;

  @BeforeAll
  static void compile() {
    standard = StandardProgram.engine();
  }

  /** Builds an engine for {@code program} on a fresh ledger; the ledger, to check nothing was opened. */
  private static Ledger build(Program program, DroolsRuleEngine rules) {
    Ledger ledger = Ledger.inMemory();
    LoyaltyEngine.builder(program, rules).ledger(ledger).directory(PartnerDirectory.inMemory()).build();
    return ledger;
  }

  private static void refused(Program program, DroolsRuleEngine rules, String... problems) {
    Ledger ledger = Ledger.inMemory();
    assertThatThrownBy(() -> LoyaltyEngine.builder(program, rules).ledger(ledger)
        .directory(PartnerDirectory.inMemory()).build())
        .isInstanceOf(ProgramDefinitionException.class)
        .satisfies(e -> assertThat(((ProgramDefinitionException) e).problems()).extracting(InputProblem::toString)
            .containsExactly(problems));
    assertThat(ledger.accounts()).isEmpty();
  }

  private static Program with(Map<String, String> changes, String... removed) {
    Map<String, String> parameters = new HashMap<>(StandardProgram.PARAMETERS);
    parameters.putAll(changes);
    List.of(removed).forEach(parameters::remove);
    return TestFacts.withParameters(StandardProgram.program(1000), parameters);
  }

  @Test
  void theSampleProgram_fitsTheReadyMadeRules() {
    assertThat(standard.problems(StandardProgram.program(1000))).isEmpty();
    assertThat(build(StandardProgram.program(1000), standard).accounts()).isNotEmpty();
  }

  @Test
  void aMisspeltReadyMadeParameter_isRefusedWithASuggestion() {
    refused(with(Map.of("earn.pionts", "1"), "earn.points"), standard,
        "$.parameters['earn.per-amount']: is set but 'earn.points' is not; the earn rate needs both",
        "$.parameters['earn.pionts']: is not read by any rule of rule set standard-1; did you mean 'earn.points'?");
  }

  @Test
  void aValueTheReadyMadeRulesCannotRead_isRefused() {
    refused(with(Map.of("mix.points", "2.5", "multiplier.sku.SW-PRO", "half")), standard,
        "$.parameters['mix.points']: is 2.5; it must be a whole number",
        "$.parameters['multiplier.sku.SW-PRO']: is 'half', not a number");
  }

  @Test
  void aMisspeltCampaignParameter_isRefusedAtItsPath() {
    Program p = StandardProgram.program(1000);
    Campaign monsoon = p.campaigns().get(0);
    Program misspelt = new Program(p.id(), p.name(), p.zone(), p.pointValue(), p.tiers(), p.tierPolicy(),
        List.of(new Campaign(monsoon.id(), monsoon.name(), monsoon.startsOn(), monsoon.endsOn(), monsoon.target(),
            monsoon.budget(), Map.of("bonus-percent", "50", "min-invoce", "10000"))), p.earnSplit(), p.expiry(),
        p.accounts(), p.parameters());

    refused(misspelt, standard, "$.campaigns[0].parameters['min-invoce']: is not read by any rule of rule set "
        + "standard-1; did you mean 'min-invoice'?");
  }

  @Test
  void aCapPerPeriod_mustNameARuleTheRuleSetsHave_aCampaignTheProgramDefines_andAPeriod() {
    refused(with(Map.of("cap.monthly.rule.earn-rat", "10000", "cap.quarterly.campaign.monsooon", "500",
        "cap.montly.rule.earn-rate", "100", "cap.member.weekly.rule.earn-rate", "10", "cap.yearly.points.x", "1",
        "cap.daily.rule.mix-bonus", "-5", "cap.member.monthly.campaign.monsoon", "2.5")), standard,
        "$.parameters['cap.daily.rule.mix-bonus']: is -5; a cap must not be negative",
        "$.parameters['cap.member.monthly.campaign.monsoon']: is 2.5; it must be a whole number of points",
        "$.parameters['cap.member.weekly.rule.earn-rate']: is not a cap of a rule or campaign per period; write "
            + "cap.member.<daily|monthly|quarterly|yearly>.<rule|campaign>.<id>, e.g. cap.monthly.rule.earn-rate",
        "$.parameters['cap.quarterly.campaign.monsooon']: names campaign 'monsooon', which program standard-2026 "
            + "does not define; did you mean 'monsoon'?",
        "$.parameters['cap.yearly.points.x']: is not a cap of a rule or campaign per period; write "
            + "cap.<daily|monthly|quarterly|yearly>.<rule|campaign>.<id>, e.g. cap.monthly.rule.earn-rate",
        "$.parameters['cap.monthly.rule.earn-rat']: caps rule 'earn-rat', which no rule of rule set standard-1 has; "
            + "did you mean 'earn-rate'?",
        "$.parameters['cap.montly.rule.earn-rate']: is not read by any rule of rule set standard-1; did you mean "
            + "'cap.monthly.rule.earn-rate'?");
    // the same without an engine, but for the rule id, which only the rule sets know
    assertThat(dev.loyalty.rules.standard.StandardParameters.problems(with(Map.of("cap.montly.rule.earn-rate", "1",
        "cap.monthly.campaign.monsoon", "x")))).extracting(InputProblem::toString).containsExactly(
        "$.parameters['cap.monthly.campaign.monsoon']: is 'x', not a number",
        "$.parameters['cap.montly.rule.earn-rate']: is not read by any ready-made rule; did you mean "
            + "'cap.monthly.rule.earn-rate'?");
  }

  @Test
  void aCapOnARuleOfTheRuleSets_andOnACampaignOfTheProgram_fits() {
    assertThat(standard.problems(with(Map.of("cap.monthly.rule.earn-rate", "10000",
        "cap.member.quarterly.campaign.monsoon", "0", "cap.yearly.rule.campaign-bonus", "5")))).isEmpty();
  }

  private static final String OWN = """
      package own;
      import dev.loyalty.core.activity.*;
      import dev.loyalty.rules.facts.*;

      rule "points per 100"
        ruleflow-group "award"
      when
        $sale : Sale( )
        ProgramParameters( $per100 : whole("points-per-100", 1) )
      then
        insert(PointsAward.of($sale.partner(), $per100, "base", "Own rate."));
      end

      rule "kind bonus"
        ruleflow-group "award"
      when
        $sale : Sale( $kind : kind )
        $p : ProgramParameters( )
        $bonus : Long( this > 0 ) from $p.whole("bonus." + $kind, 0)
      then
        insert(PointsAward.of($sale.partner(), $bonus, "bonus", "Kind bonus."));
      end
      """;

  @Test
  void anIntegratorsOwnDrl_readsItsOwnParameters_andAMisspellingOfThemIsRefused() {
    DroolsRuleEngine own = DroolsRuleEngine.of(RuleSet.always("own-1", RuleSource.of("own.drl", OWN)));
    Program fits = TestFacts.withParameters(TestFacts.withoutParameters(1000), Map.of("points-per-100", "2",
        "bonus.sale", "5"));
    Program misspelt = TestFacts.withParameters(TestFacts.withoutParameters(1000), Map.of("points-per-10O", "2",
        "bonus.sale", "5"));

    assertThat(build(fits, own).accounts()).isNotEmpty();
    refused(misspelt, own, "$.parameters['points-per-10O']: is not read by any rule of rule set own-1; did you mean "
        + "'points-per-100'?");
  }

  @Test
  void namesARuleBuildsOutOfSight_areDeclaredWithParameters_orLeftUnchecked() {
    String hidden = """
        package hidden;
        import dev.loyalty.core.activity.*;
        import dev.loyalty.rules.facts.*;

        function String nameFor(String kind) { return "rate." + kind; }

        rule "rate by kind"
          %s
          ruleflow-group "award"
        when
          $sale : Sale( $kind : kind )
          $p : ProgramParameters( )
          $rate : Long( this > 0 ) from $p.whole(nameFor($kind), 0)
        then
          insert(PointsAward.of($sale.partner(), $rate, "base", "Rate by kind."));
        end
        """;
    DroolsRuleEngine declared = DroolsRuleEngine.of(RuleSet.always("declared", RuleSource.of("hidden.drl",
        hidden.formatted("@parameters(\"rate.*\")"))));
    RuleCheck undeclared = DroolsRuleEngine.check(RuleSet.always("undeclared", RuleSource.of("hidden.drl",
        hidden.formatted(""))));
    Program program = TestFacts.withParameters(TestFacts.withoutParameters(1000), Map.of("rate.sale", "3",
        "rtae.sale", "3"));

    refused(program, declared, "$.parameters['rtae.sale']: is not read by any rule of rule set declared");
    assertThat(declared.ruleSets().get(0).warnings()).isEmpty();
    assertThat(undeclared.warnings()).extracting(RuleProblem::toString).containsExactly("hidden.drl:13:33: rule "
        + "\"rate by kind\": reads a program parameter whose name is not written out here, so the engine cannot tell "
        + "a program's misspelt parameter from one this rule reads and does not check the names; declare them on the "
        + "rule: @parameters(\"name, other, prefix.*\")");
  }
}
