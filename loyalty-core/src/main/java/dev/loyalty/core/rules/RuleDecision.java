package dev.loyalty.core.rules;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One rule's part in an evaluation: it fired (and why), or it was considered and did not (and
 * what was missing), so a partner can ask "why didn't I get points".
 *
 * <p>A value like a record of its three parts ({@link #rule()}, {@link #fired()}, {@link
 * #explanation()}): equal decisions have equal parts. Its sentence may be {@linkplain
 * #explainedLater rendered on demand}: a rule engine that keeps what a rule matched and did can
 * leave the sentence unwritten until someone reads it (most receipts are never explained), and the
 * sentence is then the one it would have written at once. A sentence may also be given as a
 * {@linkplain #explainedByTemplate template and values}, which a journal can keep as they are
 * ({@link #unwritten()}) so that it is written only when read. Immutable and thread-safe: a
 * sentence rendered on demand is rendered at most once per reader race and kept.
 */
public final class RuleDecision {
  private final RuleRef rule;
  private final boolean fired;
  // the sentence, or the Supplier or TemplatedSentence.Source that renders it until someone asks
  private volatile Object explanation;

  /**
   * A decision whose sentence is written.
   *
   * @param rule        never null
   * @param fired       whether it acted on the activity
   * @param explanation one sentence; never null or blank
   */
  public RuleDecision(RuleRef rule, boolean fired, String explanation) {
    this.rule = requireNonNull(rule, "rule");
    this.fired = fired;
    requireNonNull(explanation, "explanation");
    this.explanation = requireSentence(rule, explanation);
  }

  private RuleDecision(RuleRef rule, boolean fired, Object explanation) {
    this.rule = requireNonNull(rule, "rule");
    this.fired = fired;
    this.explanation = requireNonNull(explanation, "explanation");
  }

  /** The rule fired. */
  public static RuleDecision fired(RuleRef rule, String explanation) {
    return new RuleDecision(rule, true, explanation);
  }

  /** The rule was considered and did not fire. */
  public static RuleDecision notFired(RuleRef rule, String explanation) {
    return new RuleDecision(rule, false, explanation);
  }

  /**
   * A decision whose sentence {@code explanation} renders when first read. The supplier must be
   * pure (it may run more than once if several threads read at once, and must give the same
   * sentence each time), must depend on nothing that changes after this call, and must give a
   * sentence that is not blank.
   *
   * @param rule        never null
   * @param fired       whether it acted on the activity
   * @param explanation renders the sentence; never null
   */
  public static RuleDecision explainedLater(RuleRef rule, boolean fired, Supplier<String> explanation) {
    return new RuleDecision(rule, fired, explanation);
  }

  /**
   * A decision whose sentence is {@code sentence}'s template filled with its values, written when
   * first read; until then {@link #unwritten()} gives the template and values. The source follows
   * the rules of {@link #explainedLater}'s supplier, and the template must write a sentence that is
   * not blank.
   *
   * @param rule     never null
   * @param fired    whether it acted on the activity
   * @param sentence gives the template and values; never null
   */
  public static RuleDecision explainedByTemplate(RuleRef rule, boolean fired, TemplatedSentence.Source sentence) {
    return new RuleDecision(rule, fired, sentence);
  }

  /**
   * The template and values of a sentence {@linkplain #explainedByTemplate given as such} and not
   * read yet, for a journal that keeps them instead of the text; empty once the sentence is written
   * or when it was given otherwise. Never null.
   */
  public Optional<TemplatedSentence> unwritten() {
    return explanation instanceof TemplatedSentence.Source source ? Optional.of(source.sentence())
        : Optional.empty();
  }

  /** The rule; never null. */
  public RuleRef rule() {
    return rule;
  }

  /** Whether it acted on the activity. */
  public boolean fired() {
    return fired;
  }

  /**
   * One sentence; never null or blank.
   *
   * @throws IllegalStateException if a sentence rendered on demand came out blank or null (a defect
   *                               of the rule engine that supplied it)
   */
  public String explanation() {
    Object current = explanation;
    if (current instanceof String sentence) {
      return sentence;
    }
    String rendered;
    if (current instanceof TemplatedSentence.Source source) {
      rendered = source.sentence().text();
    } else {
      @SuppressWarnings("unchecked")
      Supplier<String> supplier = (Supplier<String>) current;
      rendered = supplier.get();
    }
    if (rendered == null || rendered.isBlank()) {
      throw new IllegalStateException("decision of rule " + rule + " rendered a blank explanation");
    }
    explanation = rendered; // drops the supplier and what it kept
    return rendered;
  }

  private static String requireSentence(RuleRef rule, String explanation) {
    if (explanation.isBlank()) {
      throw new IllegalArgumentException("decision of rule " + rule + " has a blank explanation");
    }
    return explanation;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RuleDecision d && fired == d.fired && rule.equals(d.rule)
        && explanation().equals(d.explanation());
  }

  @Override
  public int hashCode() {
    return Objects.hash(rule, fired, explanation());
  }

  @Override
  public String toString() {
    return "RuleDecision[rule=" + rule + ", fired=" + fired + ", explanation=" + explanation() + "]";
  }
}
