package dev.loyalty.rules.internal;

import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.rules.RuleSet;
import dev.loyalty.rules.RuleSource;
import dev.loyalty.rules.TestFacts;
import java.util.Map;
import java.util.function.Function;

/**
 * How CompiledRuleSet gets its sessions: a pooled session against a new one per evaluation, with
 * the chaining example (four stages, a multiplier, a cap and a split). Not a test, and not the
 * benchmark: a quick measurement behind the choice. Run its {@code main} from an IDE, or with
 * {@code java} on the module's test classpath ({@code mvn dependency:build-classpath
 * -Dmdep.includeScope=test} plus {@code target/classes} and {@code target/test-classes}).
 */
public final class SessionStrategyMeasurement {
  private static final int EVALUATIONS = 200_000;

  private SessionStrategyMeasurement() {
  }

  public static void main(String[] args) {
    CompiledRuleSet rules = new RuleCompiler(SessionStrategyMeasurement.class.getClassLoader())
        .compile(RuleSet.always("m", RuleSource.fromClasspath("examples/chaining.drl")),
            new Limits(10_000, java.time.Duration.ofSeconds(2)));
    RuleFacts facts = TestFacts.sale("90000").rep().tier(ChannelFixture.GOLD)
        .parameters(Map.of("max-points-per-invoice", "1000")).facts();
    for (int round = 1; round <= 3; round++) {
      report("round " + round + ", pooled session ", measure(rules::evaluate, facts));
      report("round " + round + ", new session each", measure(rules::evaluateInNewSession, facts));
    }
  }

  private static double measure(Function<RuleFacts, ?> evaluate, RuleFacts facts) {
    long started = System.nanoTime();
    for (int i = 0; i < EVALUATIONS; i++) {
      evaluate.apply(facts);
    }
    return EVALUATIONS / ((System.nanoTime() - started) / 1e9);
  }

  @SuppressWarnings("SystemOut") // a measurement's main, not library code
  private static void report(String what, double perSecond) {
    System.out.printf("%s: %,.0f evaluations/s%n", what, perSecond);
  }
}
