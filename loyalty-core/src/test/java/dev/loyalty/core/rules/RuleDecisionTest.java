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

  /** A template that writes its words with the values between them ("Awarded ", 5, " points."). */
  record Words(List<String> words) implements SentenceTemplate {
    @Override
    public String write(List<Object> values) {
      StringBuilder s = new StringBuilder(words.get(0));
      for (int i = 0; i < values.size(); i++) {
        s.append(values.get(i) instanceof dev.loyalty.core.model.ParticipantId p ? p.kind() + " " + p.value()
            : values.get(i)).append(words.get(i + 1));
      }
      return s.toString();
    }
  }

  @Test
  void aSentenceGivenAsATemplateStaysUnwrittenUntilRead_andReadsAsAWrittenOne() {
    AtomicInteger takenApart = new AtomicInteger();
    TemplatedSentence parts = new TemplatedSentence(new Words(List.of("Awarded ", " points to ", ".")),
        List.of(5L, dev.loyalty.core.model.PartnerId.of("dealer-a")));
    RuleDecision later = RuleDecision.explainedByTemplate(RULE, true, () -> {
      takenApart.incrementAndGet();
      return parts;
    });
    assertThat(later.unwritten()).contains(parts);
    RuleDecision now = RuleDecision.fired(RULE, "Awarded 5 points to partner dealer-a.");
    assertThat(later).isEqualTo(now).hasSameHashCodeAs(now).hasToString(now.toString());
    assertThat(later.unwritten()).as("written once read").isEmpty();
    assertThat(now.unwritten()).isEmpty();
    assertThat(RuleDecision.explainedLater(RULE, true, () -> "x").unwritten()).isEmpty();
    int taken = takenApart.get();
    assertThat(later.explanation()).isEqualTo("Awarded 5 points to partner dealer-a.");
    assertThat(takenApart).hasValue(taken);
  }

  @Test
  void aTemplatedSentenceRefusesValuesItCannotKeep_andATemplateThatWritesNothingFailsWhenRead() {
    Words words = new Words(List.of("a ", " b"));
    assertThatThrownBy(() -> new TemplatedSentence(words, List.of(5))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Integer");
    assertThatThrownBy(() -> new TemplatedSentence(words, java.util.Arrays.asList((Object) null)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new TemplatedSentence(null, List.of())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RuleDecision.explainedByTemplate(RULE, true, null))
        .isInstanceOf(NullPointerException.class);
    List<Object> values = new ArrayList<>(List.of(1L));
    TemplatedSentence copied = new TemplatedSentence(words, values);
    values.set(0, 2L);
    assertThat(copied.text()).isEqualTo("a 1 b");
    RuleDecision blank = RuleDecision.explainedByTemplate(RULE, false,
        () -> new TemplatedSentence(new Words(List.of(" ", "")), List.of(" ")));
    assertThatThrownBy(blank::explanation).isInstanceOf(IllegalStateException.class).hasMessageContaining("earn-rate");
  }
}
