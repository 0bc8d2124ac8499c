package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * New rule set versions installed while other threads evaluate: every outcome is wholly one
 * version (no activity is evaluated by a half-loaded rule set), and no thread goes back to an older
 * version once it has seen a newer one.
 */
class HotSwapTest {
  private static final int EVALUATORS = 3;
  private static final int VERSIONS = 4;

  @Test
  void versionsSwappedUnderLoad_everyOutcomeIsWhollyOneVersion() throws Exception {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    DroolsRuleEngine engine = DroolsRuleEngine.of(StampedRules.version("v1", 1, start));
    RuleFacts facts = TestFacts.sale("100").facts(); // July: after every version's date
    AtomicBoolean installing = new AtomicBoolean(true);
    CountDownLatch running = new CountDownLatch(EVALUATORS);
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(EVALUATORS);
    List<Future<List<String>>> threads = new ArrayList<>();
    for (int t = 0; t < EVALUATORS; t++) {
      threads.add(pool.submit(() -> {
        List<String> versions = new ArrayList<>();
        running.countDown();
        boolean last = false;
        while (!last) {
          last = !installing.get(); // one more round after the final install, so it is seen
          RuleOutcome outcome = engine.evaluate(facts);
          String version = StampedRules.versionOf(outcome);
          StampedRules.assertWhollyFrom(outcome, version, Integer.parseInt(version.substring(1)));
          versions.add(version);
          seen.merge(version, 1, Integer::sum);
        }
        return versions;
      }));
    }
    running.await();
    for (int v = 2; v <= VERSIONS; v++) {
      // each version later than the one before, all before the activity: each install takes over
      engine.install(StampedRules.version("v" + v, v, start.plusSeconds(v)));
    }
    installing.set(false);
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    for (Future<List<String>> thread : threads) {
      List<String> versions = thread.get();
      List<String> sorted = new ArrayList<>(versions);
      Collections.sort(sorted);
      assertThat(versions).as("a thread never goes back to an older version").isEqualTo(sorted);
      assertThat(versions.get(versions.size() - 1)).isEqualTo("v" + VERSIONS);
    }
    assertThat(seen.keySet()).as("versions seen under load: " + seen).hasSizeGreaterThanOrEqualTo(2);
  }
}
