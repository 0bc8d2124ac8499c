package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.rules.standard.StandardRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The ready-made rules whose "why not" sentences are templates written when read ({@code
 * MissedSentences}) give the outcome the same rules gave when they wrote the sentences at once
 * (their files as they were, in {@code dev/loyalty/rules/written-at-once}), decision for decision,
 * on random invoices and trainings; and the journal gets those decisions unwritten.
 */
class MissedSentencesParityTest {
  private static final Set<String> TEMPLATED = Set.of("threshold-bonus", "mix-bonus", "consistency-streak");
  private static DroolsRuleEngine now;
  private static DroolsRuleEngine atOnce;

  @BeforeContainer
  static void compile() {
    now = DroolsRuleEngine.of(RuleSet.always("standard-1", StandardRules.all().toArray(RuleSource[]::new)));
    List<RuleSource> before = new ArrayList<>();
    for (RuleSource source : StandardRules.all()) {
      String file = source.name().substring(source.name().lastIndexOf('/') + 1);
      boolean replaced = TEMPLATED.contains(file.replace(".drl", "")); // each such rule is its file's name
      before.add(replaced ? new RuleSource(source.name(),
          RuleSource.fromClasspath("dev/loyalty/rules/written-at-once/" + file).drl()) : source);
    }
    atOnce = DroolsRuleEngine.of(RuleSet.always("standard-1", before.toArray(RuleSource[]::new)));
  }

  @Provide
  Arbitrary<List<EvaluationIsolationTest.Case>> cases() {
    return EvaluationIsolationTest.cases(Arbitraries.of("inv-1", "inv-2", "inv-3")).list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 150)
  void theTemplatedWhyNotSentencesReadAsTheRulesWroteThemAtOnce(@ForAll("cases") List<EvaluationIsolationTest.Case> cases) {
    for (EvaluationIsolationTest.Case c : cases) {
      RuleFacts facts = c.facts();
      RuleOutcome later = now.evaluate(facts);
      RuleOutcome written = atOnce.evaluate(facts);
      List<RuleDecision> missed = later.decisions().stream().filter(d -> !d.fired()).toList();
      for (RuleDecision d : missed) {
        Statistics.label("templated why-not").collect(d.rule().ruleId());
        assertThat(d.unwritten().isPresent()).as("%s kept unwritten", d.rule())
            .isEqualTo(TEMPLATED.contains(d.rule().ruleId()));
      }
      assertThat(later.decisions()).extracting(RuleDecision::rule, RuleDecision::fired, RuleDecision::explanation)
          .containsExactlyElementsOf(written.decisions().stream()
              .map(d -> net.jqwik.api.Tuple.of(d.rule(), d.fired(), d.explanation()))
              .map(t -> org.assertj.core.groups.Tuple.tuple(t.get1(), t.get2(), t.get3())).toList());
      assertThat(later).isEqualTo(written);
    }
    Statistics.label("templated why-not").coverage(c -> {
      c.check("threshold-bonus").count(n -> n > 0);
      c.check("mix-bonus").count(n -> n > 0);
      c.check("consistency-streak").count(n -> n > 0);
    });
  }
}
