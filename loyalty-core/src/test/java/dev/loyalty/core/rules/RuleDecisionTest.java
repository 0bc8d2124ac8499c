package dev.loyalty.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RuleDecisionTest {
  private static final RuleRef RULE = new RuleRef("earn-rate", "v1");

  @Test
  void aSentenceRenderedOnDemandIsWrittenOnceAndReadsAsAWrittenOne() {
    AtomicInteger renders = new AtomicInteger();
    RuleDecision later = RuleDecision.explainedLater(RULE, true, () -> {
      renders.incrementAndGet();
      return "Awarded 5 points.";
    });
    RuleDecision now = RuleDecision.fired(RULE, "Awarded 5 points.");
    assertThat(renders).hasValue(0);

    assertThat(later.explanation()).isEqualTo("Awarded 5 points.");
    assertThat(later).isEqualTo(now).hasSameHashCodeAs(now).hasToString(now.toString());
    assertThat(later.explanation()).isEqualTo("Awarded 5 points.");
    assertThat(renders).hasValue(1);
    assertThat(later.rule()).isEqualTo(RULE);
    assertThat(later.fired()).isTrue();
  }

  @Test
  void decisionsDifferingInAnyPartAreNotEqual() {
    RuleDecision d = RuleDecision.fired(RULE, "Awarded 5 points.");
    assertThat(d).isNotEqualTo(RuleDecision.notFired(RULE, "Awarded 5 points."))
        .isNotEqualTo(RuleDecision.fired(new RuleRef("earn-rate", "v2"), "Awarded 5 points."))
        .isNotEqualTo(RuleDecision.explainedLater(RULE, true, () -> "Awarded 6 points."));
    assertThat(d.toString()).isEqualTo("RuleDecision[rule=" + RULE + ", fired=true, explanation=Awarded 5 points.]");
  }

  @Test
  void refusesABlankOrMissingSentence() {
    assertThatThrownBy(() -> RuleDecision.fired(RULE, " ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("earn-rate");
    assertThatThrownBy(() -> RuleDecision.fired(RULE, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RuleDecision.explainedLater(RULE, true, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RuleDecision.explainedLater(null, true, () -> "x"))
        .isInstanceOf(NullPointerException.class);
    RuleDecision blank = RuleDecision.explainedLater(RULE, false, () -> "");
    assertThatThrownBy(blank::explanation).isInstanceOf(IllegalStateException.class).hasMessageContaining("earn-rate");
    RuleDecision none = RuleDecision.explainedLater(RULE, false, () -> null);
    assertThatThrownBy(none::explanation).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void threadsReadingAtOnceAllReadTheSameSentence() throws Exception {
    for (int round = 0; round < 200; round++) {
      RuleDecision later = RuleDecision.explainedLater(RULE, true, () -> new String("Matched sale s-1."));
      CyclicBarrier start = new CyclicBarrier(4);
      List<String> read = Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread thread = new Thread(() -> {
          try {
            start.await();
            read.add(later.explanation());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(read).hasSize(4).containsOnly("Matched sale s-1.");
    }
  }
}
