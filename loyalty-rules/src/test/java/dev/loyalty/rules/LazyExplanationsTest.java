package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.internal.journal.ReceiptPacker;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.rules.internal.EagerExplanations;
import dev.loyalty.rules.standard.StandardRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The sentences of fired rules are written when a receipt is read, not as the rules fire: what
 * could change after a firing (an award's points and later notes, a collected list, a fact of a
 * type the rules declare and modify) is taken down at the firing, so the sentence read later, after
 * other evaluations reused the session, is the one written at once ({@link EagerExplanations}).
 */
class LazyExplanationsTest {
  private static DroolsRuleEngine changing;
  private static DroolsRuleEngine standard;

  @BeforeContainer
  static void compile() {
    standard = DroolsRuleEngine.of(RuleSet.always("standard-1", StandardRules.all().toArray(RuleSource[]::new)));
    changing = DroolsRuleEngine.of(RuleSet.always("c1", RuleSource.of("changing.drl", """
        package changing;
        import dev.loyalty.core.activity.*;
        import dev.loyalty.core.model.*;
                import dev.loyalty.rules.facts.*;
        import java.math.BigDecimal;
        import java.util.List;

        declare Tally
          count : int
        end

        rule "base" @ruleId("base") ruleflow-group "award"
        when
          $sale : Sale( total.amount >= 100 )
          Partner( $p : id )
        then
          insert(PointsAward.of($p, $sale.total().amount().longValue() / 100, "base", "Base."));
          insert(new Tally(0));
        end

        rule "count awards" @ruleId("count") ruleflow-group "multiply"
        when
          $t : Tally( count < 3 )
          $all : List( ) from collect( PointsAward( ) )
        then
          modify($t) { setCount($t.getCount() + 1) }
        end

        rule "double" @ruleId("double") ruleflow-group "multiply"
        when
          $t : Tally( count >= 3 )
          $a : PointsAward( kind == "base", points < 1000 )
        then
          modify($a) { multiply(new BigDecimal("2"), "Doubled.") }
        end

        rule "cap" @ruleId("cap") ruleflow-group "cap"
        when
          $a : PointsAward( kind == "base" )
        then
          modify($a) { capAt(1500, "Capped at 1,500.") }
        end

        rule "split" @ruleId("split") ruleflow-group "split"
        when
          $a : PointsAward( toPartner, !split, $points : points )
          Member( $rep : id )
        then
          insert($a.splitOff($rep, $points * 3 / 10, "(the rep's 30%)"));
          update($a);
        end

        rule "flag" @ruleId("flag") ruleflow-group "audit"
        when
          $sale : Sale( $total : total.amount, $total > 90000 )
        then
          insert(RiskAlert.block("too-big", "An invoice of " + $total + " is above 90,000 and pays nothing."));
        end

        rule "withdraw" @ruleId("withdraw") ruleflow-group "audit"
        when
          $a : PointsAward( )
          RiskAlert( code == "too-big" )
        then
          delete($a);
        end
        """)));
  }

  @Provide
  Arbitrary<List<RuleFacts>> invoices() {
    return Arbitraries.integers().between(1, 120_000).flatMap(amount -> Arbitraries.of(true, false)
        .map(rep -> {
          TestFacts facts = TestFacts.sale(Integer.toString(amount)).id("inv-" + amount);
          return (rep ? facts.rep() : facts).facts();
        })).list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 60)
  void aSentenceWrittenLaterReadsAsOneWrittenAtOnce_whenFactsChangeAfterTheFiring(
      @ForAll("invoices") List<RuleFacts> invoices) {
    sameAsWrittenAtOnce(changing, invoices);
  }

  @Property(tries = 40)
  void theReadyMadeRulesExplainThemselvesAlikeEitherWay(@ForAll("history") List<EvaluationIsolationTest.Case> cases) {
    List<RuleFacts> facts = new ArrayList<>();
    cases.forEach(c -> facts.add(c.facts()));
    sameAsWrittenAtOnce(standard, facts);
  }

  /**
   * The in-memory journal packs the ready-made rules' decisions as their forms and values without
   * writing them, and the receipts it unpacks explain themselves as if written at once.
   */
  @Property(tries = 40)
  void theReadyMadeRulesDecisionsArePackedUnwritten_andReadAsWrittenAtOnce(
      @ForAll("history") List<EvaluationIsolationTest.Case> cases) {
    ReceiptPacker packer = new ReceiptPacker();
    List<RuleFacts> facts = new ArrayList<>();
    cases.forEach(c -> facts.add(c.facts()));
    List<byte[]> packed = new ArrayList<>();
    long fired = 0;
    for (RuleFacts f : facts) {
      List<RuleDecision> decisions = standard.evaluate(f).decisions();
      packed.add(packer.pack(receipt(f, decisions)).orElseThrow());
      assertThat(decisions).filteredOn(RuleDecision::fired)
          .allSatisfy(d -> assertThat(d.unwritten()).as("written when packed").isPresent());
      fired += decisions.stream().filter(RuleDecision::fired).count();
    }
    Statistics.label("rules fired").collect(fired > 0);
    Statistics.label("rules fired").coverage(c -> c.check(true).percentage(p -> p > 50));
    for (int i = 0; i < facts.size(); i++) {
      RuleFacts f = facts.get(i);
      Receipt unpacked = packer.unpack(f.activity().id(), packed.get(i));
      assertThat(unpacked.decisions()).filteredOn(RuleDecision::fired)
          .allSatisfy(d -> assertThat(d.unwritten()).as("written when unpacked").isPresent());
      List<RuleDecision> atOnce = EagerExplanations.during(() -> standard.evaluate(f)).decisions();
      assertThat(atOnce).allSatisfy(d -> assertThat(d.unwritten()).isEmpty());
      assertThat(unpacked.decisions()).extracting(RuleDecision::explanation)
          .containsExactlyElementsOf(atOnce.stream().map(RuleDecision::explanation).toList());
      assertThat(unpacked).isEqualTo(receipt(f, atOnce));
    }
  }

  private static Receipt receipt(RuleFacts facts, List<RuleDecision> decisions) {
    return Receipt.planned(facts.activity().id(), Receipt.Status.RECORDED, Instant.EPOCH, List.of(), List.of(),
        decisions, List.of(), List.of(), List.of());
  }

  @Provide
  Arbitrary<List<EvaluationIsolationTest.Case>> history() {
    return EvaluationIsolationTest.cases(Arbitraries.of("inv-1", "inv-2", "inv-3")).list().ofMinSize(1).ofMaxSize(6);
  }

  /**
   * Evaluates every fact with sentences written on demand, then every fact again with sentences
   * written at once, and only then reads the first ones: they must read the same.
   */
  private static void sameAsWrittenAtOnce(DroolsRuleEngine engine, List<RuleFacts> facts) {
    List<RuleOutcome> later = new ArrayList<>();
    facts.forEach(f -> later.add(engine.evaluate(f)));
    for (int i = 0; i < facts.size(); i++) {
      RuleFacts f = facts.get(i);
      RuleOutcome atOnce = EagerExplanations.during(() -> engine.evaluate(f));
      assertThat(later.get(i).decisions()).as("decisions on %s", f.activity()).isEqualTo(atOnce.decisions());
      assertThat(later.get(i)).isEqualTo(atOnce);
    }
  }

  @Example
  void theSentencesTellThePointsAsTheyStoodWhenEachRuleFired() {
    RuleOutcome outcome = changing.evaluate(TestFacts.sale("60000").rep().facts());
    changing.evaluate(TestFacts.sale("95000").facts()); // the session is reused meanwhile
    List<String> sentences = outcome.decisions().stream().filter(RuleDecision::fired)
        .map(d -> d.rule().ruleId() + ": " + d.explanation()).toList();
    // each fact labelled as it stood after the consequence that first matched it (the tally ended at
    // 3 and the award at 840 points before these were read)
    assertThat(sentences).containsExactly(
        "base: Awarded 600 base points to partner dealer-a: Base. (matched sale inv-1, partner dealer-a).",
        "count: Matched Tally( count=1 ), 1 collected fact.",
        "count: Matched Tally( count=1 ), 1 collected fact.",
        "count: Matched Tally( count=1 ), 1 collected fact.",
        "double: Changed the base award to partner dealer-a from 600 to 1200 points: Doubled. (matched Tally( count=1 ), "
            + "award of 1200 points to partner dealer-a (base)).",
        "cap: Matched award of 1200 points to partner dealer-a (base).",
        "split: Split 360 of 1200 points of the base award to partner dealer-a off to member dealer-a-rep-1: (the rep's "
            + "30%) (matched award of 840 points to partner dealer-a (base), member dealer-a-rep-1).");
  }

  @Example
  void aWithdrawalIsToldWithTheAwardAsItWas() {
    RuleOutcome outcome = changing.evaluate(TestFacts.sale("95000").facts());
    changing.evaluate(TestFacts.sale("500").facts());
    assertThat(outcome.decisions()).filteredOn(d -> d.rule().ruleId().equals("withdraw")).singleElement()
        .satisfies(d -> assertThat(d.explanation()).startsWith("Withdrew the award of 1500 points to partner "));
    assertThat(outcome.awards()).isEmpty();
  }
}
