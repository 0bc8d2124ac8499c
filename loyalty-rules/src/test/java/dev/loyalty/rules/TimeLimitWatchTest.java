package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.loyalty.core.rules.Award;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The time limit's watcher is not woken by every evaluation (each thread's evaluation sits in a
 * slot the watcher reads when it wakes): these are the cases where it must be woken or must find an
 * evaluation anyway. Each would let a sleeping consequence run 20 s instead of being stopped near
 * the limit: a shorter deadline than the one the watcher sleeps towards, a slow evaluation after
 * many quick ones, an evaluation run from inside another's consequence on the same thread.
 */
public class TimeLimitWatchTest {
  private static final Duration SHORT = Duration.ofMillis(200);
  private static DroolsRuleEngine shortLimit;
  private static DroolsRuleEngine longLimit;
  private static DroolsRuleEngine quick;

  @BeforeAll
  static void compile() {
    String rules = TimeLimitTest.RULES + """
        rule "naps"
          @ruleId("napper")
          ruleflow-group "multiply"
        when
          Sale( id.value == "inv-nap" )
        then
          Thread.sleep(1_500);
        end

        rule "nests"
          @ruleId("nester")
          ruleflow-group "multiply"
        when
          Sale( id.value == "inv-nest" )
        then
          dev.loyalty.rules.TimeLimitWatchTest.evaluateInside();
          Thread.sleep(20_000);
        end
        """;
    shortLimit = DroolsRuleEngine.builder().evaluationTimeLimit(SHORT)
        .ruleSet(RuleSet.always("short", RuleSource.of("slow.drl", rules)).asTrusted()).build();
    longLimit = DroolsRuleEngine.builder().evaluationTimeLimit(Duration.ofSeconds(30))
        .ruleSet(RuleSet.always("long", RuleSource.of("slow.drl", rules)).asTrusted()).build();
    quick = DroolsRuleEngine.builder().evaluationTimeLimit(Duration.ofSeconds(5))
        .ruleSet(RuleSet.always("quick", RuleSource.of("slow.drl", rules)).asTrusted()).build();
  }

  /** Called by the rule "nests": a whole evaluation of another engine on the consequence's thread. */
  public static void evaluateInside() {
    assertThat(quick.evaluate(TestFacts.sale("100").facts()).awards()).extracting(Award::points)
        .containsExactly(10L);
  }

  private static Duration refusedAfter(DroolsRuleEngine engine, String invoice, String rule) {
    long started = System.nanoTime();
    Throwable thrown = catchThrowable(() -> engine.evaluate(TestFacts.sale("100").id(invoice).facts()));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(thrown).isInstanceOf(RuleTimeoutException.class).hasMessageContaining("rule " + rule + " ");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    return took;
  }

  @Test
  void aDeadlineBeforeTheOneTheWatcherSleepsTowards_wakesIt() throws Exception {
    // another thread's evaluation, 30 s limit, napping 1.5 s: the watcher sleeps towards its deadline
    CompletableFuture<Long> napping = CompletableFuture.supplyAsync(() -> longLimit.evaluate(
        TestFacts.sale("100").id("inv-nap").facts()).awards().stream().mapToLong(Award::points).sum());
    Thread.sleep(300);

    Duration took = refusedAfter(shortLimit, "inv-sleep", "sleeper");

    assertThat(took).isBetween(SHORT, Duration.ofMillis(1_200)); // not when the nap ends, nor at 30 s
    assertThat(napping.get(10, TimeUnit.SECONDS)).isEqualTo(10L); // the long one ran out its nap untouched
  }

  @Test
  void aSlowEvaluationAfterManyQuickOnes_isStoppedAtItsLimit() {
    for (int i = 0; i < 3_000; i++) {
      assertThat(shortLimit.evaluate(TestFacts.sale("100").facts()).awards()).hasSize(1);
    }

    assertThat(refusedAfter(shortLimit, "inv-sleep", "sleeper")).isBetween(SHORT, Duration.ofMillis(1_500));
    assertThat(shortLimit.evaluate(TestFacts.sale("100").facts()).awards()).hasSize(1);
  }

  @Test
  void anEvaluationInsideAnothersConsequence_leavesTheOuterOneWatched() {
    assertThat(refusedAfter(shortLimit, "inv-nest", "nester")).isBetween(SHORT, Duration.ofMillis(1_500));
    assertThat(shortLimit.evaluate(TestFacts.sale("100").facts()).awards()).hasSize(1);
  }

  @Test
  void evaluationsOnManyThreadsThatEnd_leaveNothingToExpireLater() throws Exception {
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 200; i++) {
          shortLimit.evaluate(TestFacts.sale("100").facts());
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    // past every one of their deadlines: a quick evaluation on this thread is not interrupted by them
    Thread.sleep(SHORT.toMillis() + 100);
    for (int i = 0; i < 200; i++) {
      assertThat(shortLimit.evaluate(TestFacts.sale("100").facts()).awards()).hasSize(1);
    }
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
