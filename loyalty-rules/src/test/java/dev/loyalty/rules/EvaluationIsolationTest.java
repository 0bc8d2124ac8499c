package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.loyalty.core.model.TierId;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.rules.internal.CompiledRuleSet;
import dev.loyalty.rules.internal.CompiledRuleSets;
import dev.loyalty.rules.standard.StandardRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * An evaluation's outcome depends on its facts alone: the same facts give the same outcome whatever
 * was evaluated before on the same rule set (in the same pooled session or not), failed evaluations
 * included. Checked for the ready-made rules with the shipped sample program
 * ({@code samples/standard-program.json}), and for a decision table using every column type
 * docs/RULES.md documents; the reference is the outcome in a session nothing has used before.
 *
 * <p>The regression: a banded table with ACTIVATION-GROUP and PRIORITY paid one invoice 2, 2, 3,
 * 3, 3 points on successive activities, because a pooled session's reset left each activation
 * group stamped with the last evaluation's fact recency (see {@code Sessions}).
 */
class EvaluationIsolationTest {
  private static final List<String[]> CATALOG = List.of(new String[] {"CAB-1", "cables"},
      new String[] {"LED-1", "lighting"}, new String[] {"SW-1", "switches"}, new String[] {"SW-PRO", "smart-switches"},
      new String[] {"OLD-1", "cables"});
  /** Ids of the saboteur's invoices: each ends its evaluation badly. */
  private static final List<String> SABOTAGE = List.of("inv-throw", "inv-loop", "inv-sneak");
  private static CompiledRuleSet standard;
  private static CompiledRuleSet table;

  @BeforeContainer
  static void compile() {
    List<RuleSource> sources = new ArrayList<>(StandardRules.all());
    sources.add(RuleSource.fromClasspath("examples/isolation/saboteur.drl"));
    standard = CompiledRuleSets.compile(RuleSet.always("standard-1", sources.toArray(RuleSource[]::new)));
    table = CompiledRuleSets.compile(RuleSet.always("table-1",
        RuleSource.fromDecisionTableOnClasspath("examples/isolation/every-column.csv"),
        RuleSource.fromClasspath("examples/isolation/saboteur.drl")));
  }

  /** An activity and where its partner stands: an invoice (or a training), by a rep or not, a tier, month sales. */
  record Case(String id, List<int[]> lines, boolean rep, Optional<TierId> tier, long monthSales, int streak,
      boolean training, boolean inCampaign) {
    RuleFacts facts() {
      TestFacts facts;
      if (training) {
        facts = TestFacts.training(lines.size() % 2 == 0 ? "basics" : "advanced-wiring");
      } else {
        facts = TestFacts.invoice();
        for (int[] line : lines) {
          facts.line(CATALOG.get(line[0])[0], CATALOG.get(line[0])[1], line[1], Integer.toString(line[2]));
        }
      }
      facts.program(StandardProgram.program(1_000_000)).id(id).monthSales(Long.toString(monthSales)).streak(streak)
          .tier(tier.orElse(null)).at(inCampaign ? TestFacts.JULY : Instant.parse("2026-10-15T06:00:00Z"));
      if (rep) {
        facts.rep();
      }
      return facts.facts();
    }
  }

  static Arbitrary<Case> cases(Arbitrary<String> ids) {
    Arbitrary<int[]> line = Combinators.combine(Arbitraries.integers().between(0, CATALOG.size() - 1),
        Arbitraries.integers().between(1, 30), Arbitraries.integers().between(1, 40_000))
        .as((item, quantity, price) -> new int[] {item, quantity, price});
    return Combinators.combine(ids, line.list().ofMinSize(1).ofMaxSize(4).uniqueElements(l -> l[0]), Arbitraries.of(true, false),
        Arbitraries.<Optional<TierId>>of(Optional.empty(), Optional.of(ChannelFixture.SILVER),
            Optional.of(ChannelFixture.GOLD)), Arbitraries.longs().between(0, 1_200_000),
        Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 9).map(n -> n == 0),
        Arbitraries.of(true, false)).as(Case::new);
  }

  @Provide
  Arbitrary<Case> target() {
    return cases(Arbitraries.of("inv-1", "inv-2"));
  }

  @Provide
  Arbitrary<List<Case>> history() {
    return cases(Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.of("inv-1", "inv-3", "inv-4")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(SABOTAGE)))).list().ofMaxSize(12);
  }

  private static Optional<RuleOutcome> evaluate(CompiledRuleSet rules, Case c) {
    try {
      return Optional.of(rules.evaluate(c.facts()));
    } catch (RuleEvaluationException e) {
      assertThat(SABOTAGE).as("only the saboteur's invoices fail: %s", e.getMessage()).contains(c.id());
      return Optional.empty();
    }
  }

  private static void sameOutcomeWhateverRanBefore(CompiledRuleSet rules, List<Case> history, Case target) {
    RuleOutcome reference = CompiledRuleSets.inNewSession(rules, target.facts());
    for (Case before : history) {
      evaluate(rules, before);
    }
    assertThat(evaluate(rules, target)).contains(reference);
  }

  @Property(tries = 60)
  void theReadyMadeRules_withTheSampleProgram_giveTheSameOutcomeForTheSameFacts(
      @ForAll("history") List<Case> history, @ForAll("target") Case target) {
    sameOutcomeWhateverRanBefore(standard, history, target);
  }

  @Property(tries = 100)
  void aTableWithEveryColumnType_givesTheSameOutcomeForTheSameFacts(@ForAll("history") List<Case> history,
      @ForAll("target") Case target) {
    sameOutcomeWhateverRanBefore(table, history, target);
  }

  @Property(tries = 20)
  void theBandedTable_paysOneBandOnly_onEverySuccessiveActivity(@ForAll("history") List<Case> history) {
    for (Case before : history) {
      evaluate(table, before);
      // a 60,000 invoice of cables: the high band only, 6 x 5 points, whatever ran before
      assertThat(table.evaluate(TestFacts.sale("60000").facts()).awards())
          .extracting(a -> a.rule().ruleId(), Award::points).containsExactly(tuple("band-high", 30L));
    }
  }
}
