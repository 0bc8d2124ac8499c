package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.rules.RuleOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bad rule set is refused with every problem at file:line:column, with the rule and a message in
 * the author's terms, for each kind of mistake DROOLS-NOTES.md lists (syntax, unknown field, bad
 * Java in a consequence, type mismatch, duplicate rule) and the ones the executable model reports
 * worst.
 */
class RuleProblemsTest {
  /** Five lines, so that every example's first rule starts on line 6. */
  private static final String HEAD = """
      package rules;
      import dev.loyalty.core.model.*;
      import dev.loyalty.core.activity.*;
      import dev.loyalty.rules.facts.*;

      """;

  private static List<String> problems(RuleSource... sources) {
    return DroolsRuleEngine.validate(RuleSet.always("v1", sources)).stream().map(RuleProblem::toString).toList();
  }

  private static List<String> problems(String drl) {
    return problems(RuleSource.of("points.drl", HEAD + drl));
  }

  @Test
  void syntaxError_atTheToken_withTheUnclosedParenthesis() {
    assertThat(problems("""
        rule "base points"
          ruleflow-group "award"
        when
          $sale : Sale( total.amount > 100
        then
          insert(PointsAward.of($sale.partner(), 1, "base", "One point."));
        end
        """)).containsExactly(
        "points.drl:10:1: rule \"base points\": syntax error: unexpected 'then'; a '(' opened above is not closed");
  }

  @Test
  void syntaxError_ofAMissingEnd_namesTheRuleThatLacksIt() {
    assertThat(problems("""
        rule "a"
          ruleflow-group "award"
        when
          Sale( )
        then

        rule "b"
          ruleflow-group "award"
        when
          Sale( )
        then
        end
        """)).containsExactly(
        "points.drl:17:1: rule \"a\": syntax error: unexpected 'end'; rule \"a\" (line 6) may be missing its 'end'");
  }

  @Test
  void unknownField_withTheClosestNameAndTheFactsFields() {
    assertThat(problems("""
        rule "big invoice"
          ruleflow-group "award"
        when
          $sale : Sale( totl.amount > 100 )
        then
        end
        """)).containsExactly("points.drl:9:17: rule \"big invoice\": Sale has no field 'totl'; did you mean "
        + "'total'? Fields of Sale: categories, currency, header, id, kind, lines, member, occurredAt, partner, total");
  }

  @Test
  void unknownField_inANestedPath_andInEveryRule_notJustTheFirst() {
    // Drools itself reports only the first of these, without a line.
    assertThat(problems("""
        rule "big invoice"
          ruleflow-group "award"
        when
          $sale : Sale( total.amont > 100 )
        then
        end

        rule "many cables"
          ruleflow-group "award"
        when
          $sale : Sale( )
          InvoiceLine( quantiti > 5 ) from $sale.lines
        then
        end
        """)).containsExactly(
        "points.drl:9:23: rule \"big invoice\": Money has no field 'amont'; did you mean 'amount'? Fields of Money: "
            + "amount, currency, formatted, negative, zero",
        "points.drl:17:16: rule \"many cables\": InvoiceLine has no field 'quantiti'; did you mean 'quantity'? "
            + "Fields of InvoiceLine: amount, category, quantity, sku, unitPrice");
  }

  @Test
  void badJavaInAConsequence_atTheDrlLineAndToken_notTheGeneratedClass() {
    assertThat(problems("""
        rule "greeting"
          ruleflow-group "award"
        when
          $sale : Sale( )
        then
          String who = $sale.partnr();
          int points = "ten";
        end
        """)).containsExactly(
        "points.drl:11:22: rule \"greeting\": in the consequence (then part): The method partnr() is undefined for "
            + "the type Sale",
        "points.drl:12:16: rule \"greeting\": in the consequence (then part): Type mismatch: cannot convert from "
            + "String to int");
  }

  @Test
  void typeMismatch_aNumberComparedWithText_andTextWithANumber() {
    assertThat(problems("""
        rule "big invoice"
          ruleflow-group "award"
        when
          $sale : Sale( total.amount > "100" )
        then
        end

        rule "cable lines"
          ruleflow-group "award"
        when
          $sale : Sale( )
          InvoiceLine( category == 42 ) from $sale.lines
        then
        end
        """)).containsExactly(
        "points.drl:9:17: rule \"big invoice\": 'total.amount' is a number (BigDecimal) but is compared with the "
            + "text \"100\"; write the number without quotes",
        "points.drl:17:16: rule \"cable lines\": 'category' is text (String) but is compared with the number 42; "
            + "put it in quotes (\"42\") to compare text");
  }

  @Test
  void typeMismatch_aRecordOrAnEnumComparedWithALiteral() {
    assertThat(problems("""
        rule "active dealers"
          ruleflow-group "award"
        when
          Partner( status == "ACTIVE" )
          Sale( total > 100 )
        then
        end
        """)).containsExactly(
        "points.drl:9:12: rule \"active dealers\": 'status' is an EnrolmentStatus but is compared with the text "
            + "\"ACTIVE\"; compare with one of its constants: EnrolmentStatus.ACTIVE, EnrolmentStatus.SUSPENDED, "
            + "EnrolmentStatus.TERMINATED",
        "points.drl:10:9: rule \"active dealers\": 'total' is a Money, which cannot be compared with the number 100; "
            + "compare one of its fields: amount, currency, formatted, negative, zero");
  }

  @Test
  void duplicateRuleName_inOneFile_andAcrossFiles_pointsAtTheFirst() {
    String rule = """
        rule "base points"
          ruleflow-group "award"
        when
          Sale( )
        then
        end
        """;
    assertThat(problems(RuleSource.of("a.drl", HEAD + rule + "\n" + rule), RuleSource.of("b.drl", HEAD + rule)))
        .containsExactly(
            "a.drl:13:1: rule \"base points\": a rule with this name is already defined in package rules at "
                + "a.drl:6:1; rule names must be unique within a package",
            "b.drl:6:1: rule \"base points\": a rule with this name is already defined in package rules at "
                + "a.drl:6:1; rule names must be unique within a package");
  }

  @Test
  void duplicateRuleId_wouldMakeExplanationsAmbiguous() {
    assertThat(problems("""
        rule "base points"
          @ruleId("base")
          ruleflow-group "award"
        when
          Sale( )
        then
        end

        rule "more base points"
          @ruleId("base")
          ruleflow-group "award"
        when
          Sale( )
        then
        end
        """)).containsExactly("points.drl:14:1: rule \"more base points\": rule id \"base\" is already the id of rule "
        + "\"base points\" at points.drl:6:1; give each rule its own @ruleId");
  }

  @Test
  void stages_missing_misspelt_orAutoFocus() {
    assertThat(problems("""
        rule "no stage"
        when
          Sale( )
        then
        end

        rule "misspelt stage"
          ruleflow-group "multipy"
        when
          Sale( )
        then
        end

        rule "jumps the queue"
          ruleflow-group "cap"
          auto-focus true
        when
          Sale( )
        then
        end
        """)).containsExactly(
        "points.drl:6:1: rule \"no stage\": names no stage; add ruleflow-group \"award\" (or another stage; they run "
            + "in this order: risk, award, multiply, cap, split, audit)",
        "points.drl:13:18: rule \"misspelt stage\": unknown stage \"multipy\"; did you mean \"multiply\"? Stages run "
            + "in this order: risk, award, multiply, cap, split, audit",
        "points.drl:21:3: rule \"jumps the queue\": auto-focus would let the rule fire outside its stage's turn; "
            + "remove it");
  }

  @Test
  void unknownFactType_suggestsTheVocabularyTypeAndItsImport() {
    assertThat(problems(RuleSource.of("points.drl", """
        package rules;

        rule "typo"
          ruleflow-group "award"
        when
          Sael( )
        then
        end

        rule "not imported"
          ruleflow-group "award"
        when
          PartnerFigures( monthOrders == 0 )
        then
        end
        """))).containsExactly(
        "points.drl:6:3: rule \"typo\": unknown fact type 'Sael'; did you mean 'Sale'? (import "
            + "dev.loyalty.core.activity.Sale)",
        "points.drl:13:3: rule \"not imported\": unknown fact type 'PartnerFigures'; add: import "
            + "dev.loyalty.rules.facts.PartnerFigures;");
  }

  @Test
  void problemsOnlyDroolsFinds_areMappedBackToTheDrl() {
    assertThat(problems("""
        rule "wrong argument"
          ruleflow-group "award"
        when
          PartnerFigures( grewAtLeast("ten") )
        then
        end

        rule "unbound variable"
          ruleflow-group "award"
        when
          Sale( total.amount > $nowhere )
        then
        end
        """)).containsExactly(
        "points.drl:9:19: rule \"wrong argument\": PartnerFigures has no method grewAtLeast that takes (String); it "
            + "has grewAtLeast(BigDecimal), grewAtLeast(long)",
        "points.drl:16:24: rule \"unbound variable\": unknown variable $nowhere; bind it in a pattern of the rule "
            + "before using it ($nowhere : field, or $nowhere : Fact(...))");
  }

  @Test
  void everyProblemOfEveryFile_isListedAtOnce_eachUnderItsFile() {
    RuleSource broken = RuleSource.of("rules/broken.drl", HEAD + """
        rule "base points"
          ruleflow-group "award"
        when
          $sale : Sale( total.amount > 100
        then
        end
        """);
    RuleSource wrong = RuleSource.of("rules/wrong.drl", HEAD.replace("package rules;", "package other;") + """
        rule "bonus"
          ruleflow-group "award"
        when
          $sale : Sale( totl.amount > 100 )
        then
        end

        rule "greeting"
          ruleflow-group "award"
        when
          $sale : Sale( )
        then
          $sale.partnr();
        end
        """);
    RuleSource fine = RuleSource.of("rules/fine.drl", HEAD.replace("package rules;", "package third;") + """
        rule "fine"
          ruleflow-group "award"
        when
          Sale( )
        then
        end
        """);

    RuleCompilationException refused = catchThrowableOfType(RuleCompilationException.class,
        () -> DroolsRuleEngine.of(RuleSet.always("v7", broken, wrong, fine)));

    assertThat(refused).isInstanceOf(LoyaltyException.class);
    assertThat(refused.version()).isEqualTo("v7");
    assertThat(refused.problems()).extracting(RuleProblem::source, RuleProblem::line, RuleProblem::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("rules/broken.drl", 10, RuleProblem.Kind.SYNTAX),
            org.assertj.core.groups.Tuple.tuple("rules/wrong.drl", 9, RuleProblem.Kind.UNKNOWN_FIELD),
            org.assertj.core.groups.Tuple.tuple("rules/wrong.drl", 18, RuleProblem.Kind.CONSEQUENCE));
    assertThat(refused.getMessage()).isEqualTo("""
        rule set v7 refused (3 problems):
        rules/broken.drl:10:1: rule "base points": syntax error: unexpected 'then'; a '(' opened above is not closed
        rules/wrong.drl:9:17: rule "bonus": Sale has no field 'totl'; did you mean 'total'? Fields of Sale: \
        categories, currency, header, id, kind, lines, member, occurredAt, partner, total
        rules/wrong.drl:18:9: rule "greeting": in the consequence (then part): The method partnr() is undefined \
        for the type Sale""");
  }

  @Test
  void validDrl_isNotRefused_whateverConstructsItUses() {
    assertThat(problems("""
        import dev.loyalty.core.program.*;
        import dev.loyalty.core.rules.RiskFlag;
        import java.math.BigDecimal;
        import java.util.ArrayList;

        global java.util.List seen;

        declare Marker
          code : String
        end

        function boolean isBig(BigDecimal amount) {
          return amount.compareTo(BigDecimal.valueOf(1000)) > 0;
        }

        query "awards of"( ParticipantId $who )
          PointsAward( beneficiary == $who )
        end

        rule "everything"
          @ruleId("everything")
          ruleflow-group "award"
          salience 10
          no-loop true
        when
          $sale : Sale( this != null, total.amount > 100 && < 1000000, total.amount.compareTo(BigDecimal.ZERO) > 0,
              currency.currencyCode == 'INR' || lines.size > 2, isBig(total.amount), categories contains "cables",
              $total : total.amount )
          $partner : Partner( type == PartnerType.DEALER, region in ("north", "south"), segments not contains "x",
              PartnerType.DEALER == type, type.name == "dealer", status == EnrolmentStatus.ACTIVE, parent != null )
          InvoiceLine( category == "cables", $q : quantity ) from $sale.lines
          $n : Number( intValue > 0 ) from accumulate( InvoiceLine( $units : quantity ) from $sale.lines, sum($units) )
          $lines : ArrayList( size > 0 ) from collect( InvoiceLine( ) from $sale.lines )
          not PartnerTier( id.value == "gold" )
          exists Campaign( parameters["bonus-percent"] != null )
          forall( $l : InvoiceLine( ) from $sale.lines
                  InvoiceLine( this == $l, quantity > 0 ) from $sale.lines )
          PartnerFigures( grewAtLeast(10) || lifetimeOrders == 0, salesIn("cables") >= 0, certified("x") == false )
          ProgramParameters( has("x") || whole("points-per-100", 1) > 0 )
          eval( $total.signum() > 0 )
          /* a $comment with a $dollar */
        then
          // $not a variable either
          insert(new Marker("$text"));
        end

        rule "child" extends "everything"
          ruleflow-group "audit"
        when
          Marker( code == "$text" )
        then
          insert(new BadgeAward($partner.id(), "seen", "Seen " + $sale.id() + "."));
        end
        """)).isEmpty();
  }

  @Test
  void aRuleExtendingARefusedRule_isNotASecondProblem() {
    assertThat(problems("""
        rule "parent"
          ruleflow-group "award"
        when
          $sale : Sale( totl.amount > 100 )
        then
        end

        rule "child" extends "parent"
          ruleflow-group "award"
        when
          Partner( )
        then
        end
        """)).containsExactly("points.drl:9:17: rule \"parent\": Sale has no field 'totl'; did you mean 'total'? "
        + "Fields of Sale: categories, currency, header, id, kind, lines, member, occurredAt, partner, total");
  }

  @Test
  void theSameMistakeInTwoFilesOfOnePackage_isReportedInEach() {
    // Drools reports both against generated Java that looks the same: each must still land in its file.
    String rule = """
        rule "%s"
          ruleflow-group "award"
        when
          $sale : Sale( )
        then
          $sale.partnr();
        end
        """;
    assertThat(problems(RuleSource.of("a.drl", HEAD + rule.formatted("a")),
        RuleSource.of("b.drl", HEAD + rule.formatted("b")))).containsExactly(
        "a.drl:11:9: rule \"a\": in the consequence (then part): The method partnr() is undefined for the type Sale",
        "b.drl:11:9: rule \"b\": in the consequence (then part): The method partnr() is undefined for the type Sale");
  }

  @Test
  void aRefusedRuleSet_leavesTheInstalledOneInForce() {
    DroolsRuleEngine engine = DroolsRuleEngine.of(RuleSet.always("v1", RuleSource.of("points.drl", HEAD + """
        rule "one point"
          ruleflow-group "award"
        when
          Partner( $p : id )
          Sale( )
        then
          insert(PointsAward.of($p, 1, "base", "One point."));
        end
        """)));

    assertThatThrownBy(() -> engine.install(RuleSet.always("v2", RuleSource.of("points.drl", HEAD + """
        rule "two points"
          ruleflow-group "award"
        when
          Partner( $p : id )
          Sale( totl > 1 )
        then
          insert(PointsAward.of($p, 2, "base", "Two points."));
        end
        """)))).isInstanceOf(RuleCompilationException.class).hasMessageStartingWith("rule set v2 refused (1 problem):");

    RuleOutcome outcome = engine.evaluate(TestFacts.sale("100").facts());
    assertThat(outcome.awards()).singleElement().satisfies(a -> {
      assertThat(a.points()).isEqualTo(1);
      assertThat(a.rule().version()).isEqualTo("v1");
    });
    assertThat(engine.ruleSets()).extracting(RuleSetInfo::version).containsExactly("v1");
  }
}
