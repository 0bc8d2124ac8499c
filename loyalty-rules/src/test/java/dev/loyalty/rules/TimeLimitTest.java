package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.ledger.TrialBalance;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An evaluation has a time limit: past it the evaluation is abandoned, the activity refused with
 * the running rule named, and nothing changes. A consequence that waits is stopped at the limit;
 * one that computes without waiting cannot be, and is refused when it returns. (The rules here
 * sleep and read the clock, so their rule set is trusted.)
 */
class TimeLimitTest {
  private static final Duration LIMIT = Duration.ofMillis(200);
  private static DroolsRuleEngine engine;
  /** A rule that pays 10, one that sleeps 20 s and one that spins 600 ms (TimeLimitWatchTest adds its own). */
  static final String RULES = """
      package slow;
      import dev.loyalty.core.activity.*;
      import dev.loyalty.rules.facts.*;

      rule "base"
        @ruleId("base")
        ruleflow-group "award"
      when
        $sale : Sale( )
      then
        insert(PointsAward.of($sale.partner(), 10, "base", "Ten."));
      end

      rule "sleeps"
        @ruleId("sleeper")
        ruleflow-group "multiply"
      when
        Sale( id.value == "inv-sleep" )
      then
        Thread.sleep(20_000);
      end

      rule "spins"
        @ruleId("spinner")
        ruleflow-group "cap"
      when
        Sale( id.value == "inv-spin" )
      then
        long until = System.nanoTime() + 600_000_000L;
        while (System.nanoTime() < until) { }
      end
      """;

  @BeforeAll
  static void compile() {
    engine = DroolsRuleEngine.builder().evaluationTimeLimit(LIMIT).ruleSet(RuleSet.always("slow",
        RuleSource.of("slow.drl", RULES)).asTrusted()).build();
  }

  private static RuleTimeoutException timeout(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof RuleTimeoutException timeout) {
        return timeout;
      }
    }
    throw new AssertionError("no RuleTimeoutException in " + thrown, thrown);
  }

  @Test
  void aConsequenceThatSleeps_isStoppedAtTheLimit_andTheActivityRefusedWithTheRuleNamed() {
    long started = System.nanoTime();
    Throwable thrown = catchThrowable(() -> engine.evaluate(TestFacts.sale("100").id("inv-sleep").facts()));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    RuleTimeoutException timeout = timeout(thrown);
    assertThat(thrown).isSameAs(timeout);
    assertThat(timeout).hasMessageStartingWith("rule sleeper (slow.drl:14:1) of rule set slow ran past the evaluation "
        + "time limit of 200 ms on sale inv-sleep; the evaluation was abandoned after ")
        .hasMessageEndingWith(" and the activity refused");
    assertThat(timeout.ruleId()).contains("sleeper");
    assertThat(timeout.limit()).isEqualTo(LIMIT);
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    // the caller's thread goes on uninterrupted, and the next activity is evaluated as usual
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(engine.evaluate(TestFacts.sale("100").facts()).awards()).extracting(Award::points)
        .containsExactly(10L);
  }

  @Test
  void aConsequenceThatComputesWithoutWaiting_cannotBeStopped_andIsRefusedWhenItReturns() {
    long started = System.nanoTime();
    Throwable thrown = catchThrowable(() -> engine.evaluate(TestFacts.sale("100").id("inv-spin").facts()));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    assertThat(timeout(thrown)).hasMessageStartingWith("rule spinner (slow.drl:23:1) of rule set slow ran past the "
        + "evaluation time limit of 200 ms on sale inv-spin");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aRefusedActivity_changesNothing() {
    Instant start = LocalDateTime.parse("2026-07-01T09:00").atZone(ChannelFixture.ZONE).toInstant();
    ChannelFixture channel = new ChannelFixture(start, TestFacts.withoutParameters(1000), engine);
    PartnerId dealer = ChannelFixture.DEALERS.get(0);
    channel.engine.record(ChannelFixture.sale("inv-1", dealer, Optional.empty(), start, "CAB-1", "cables", 1,
        "100"));
    TrialBalance before = channel.ledger.trialBalance();
    int events = channel.events.size();

    Throwable thrown = catchThrowable(() -> channel.engine.record(ChannelFixture.sale("inv-sleep", dealer,
        Optional.empty(), start, "CAB-1", "cables", 1, "100")));

    // what LoyaltyEngine.record throws is the rules' own exception, as docs/RULES.md's catch example expects
    assertThat(thrown).isInstanceOf(RuleTimeoutException.class).hasMessageContaining("rule sleeper");
    assertThat(channel.ledger.trialBalance()).isEqualTo(before);
    assertThat(channel.events).hasSize(events);
    assertThat(channel.engine.balance(dealer).posted()).isEqualTo(10);
  }

  @Test
  void theLimitMustBePositive_andSetOnce() {
    assertThatThrownBy(() -> DroolsRuleEngine.builder().evaluationTimeLimit(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("evaluationTimeLimit must be positive, got PT0S");
    assertThatThrownBy(() -> DroolsRuleEngine.builder().evaluationTimeLimit(LIMIT).evaluationTimeLimit(LIMIT))
        .isInstanceOf(IllegalStateException.class).hasMessage("evaluationTimeLimit is already set");
    assertThat(DroolsRuleEngine.DEFAULT_TIME_LIMIT).isEqualTo(Duration.ofSeconds(2));
  }
}
