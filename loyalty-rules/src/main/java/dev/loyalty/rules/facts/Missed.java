package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.rules.SentenceTemplate;
import dev.loyalty.core.rules.TemplatedSentence;
import java.util.List;
import java.util.Optional;

/**
 * Why a rule did not award anything for this activity, for a partner who asks "why didn't I get
 * points": it becomes a decision of the outcome marked not applied, credited to rule {@code
 * ruleId}, with {@code reason} as its sentence ("Monthly sales are 420,000 INR; 80,000 INR more
 * earn the 500-point bonus."). A rule that only inserts {@code Missed} facts is not itself listed
 * as applied.
 *
 * <p>The ready-made rules insert one where an activity of the kind the rule is about comes close
 * (an invoice below the threshold, one category short of the mix bonus, a late report); a rule
 * that is simply not about the activity says nothing.
 *
 * <p>The reason may be given as a sentence ({@link #of(String, String)}) or as a {@link
 * SentenceTemplate} and its values ({@link #of(String, SentenceTemplate, List)}), written only when
 * {@link #reason()} is first read: the ready-made rules' frequent "why not" sentences are kept that
 * way, and the decision hands them to the journal unwritten ({@link #unwritten()}), as fired rules'
 * sentences are. A value like the record it was: equal by rule id and reason, and its text is
 * {@code Missed[ruleId=..., reason=...]}. Immutable and thread-safe.
 */
public final class Missed {
  private final String ruleId;
  private final TemplatedSentence sentence;
  // the reason, written when first read if the missed rule gave a template
  private volatile String reason;

  /**
   * @param ruleId the {@code @ruleId} of the rule that did not apply; never null or blank
   * @param reason one sentence a partner can read; never null or blank
   */
  public Missed(String ruleId, String reason) {
    requireNonNull(ruleId, "ruleId");
    requireNonNull(reason, "reason");
    if (ruleId.isBlank() || reason.isBlank()) {
      throw new IllegalArgumentException("a missed rule needs a rule id and a reason, got '" + ruleId + "' and '"
          + reason + "'");
    }
    this.ruleId = ruleId;
    this.reason = reason;
    this.sentence = null;
  }

  private Missed(String ruleId, TemplatedSentence sentence) {
    requireNonNull(ruleId, "ruleId");
    if (ruleId.isBlank()) {
      throw new IllegalArgumentException("a missed rule needs a rule id, got '" + ruleId + "'");
    }
    this.ruleId = ruleId;
    this.sentence = sentence;
  }

  /** Rule {@code ruleId} did not apply because {@code reason}. */
  public static Missed of(String ruleId, String reason) {
    return new Missed(ruleId, reason);
  }

  /**
   * Rule {@code ruleId} did not apply because of what {@code template} writes with {@code values},
   * written when first read. The template must write a sentence that is not blank, and follow
   * {@link SentenceTemplate}'s rules (an immutable value, one per way of saying things).
   *
   * @param ruleId   never null or blank
   * @param template never null
   * @param values   {@code Long}, {@code String} or {@code ParticipantId} values, as {@link
   *                 TemplatedSentence} allows; never null
   * @throws IllegalArgumentException if a value is of another type
   */
  public static Missed of(String ruleId, SentenceTemplate template, List<Object> values) {
    return new Missed(ruleId, new TemplatedSentence(template, values));
  }

  /** The {@code @ruleId} of the rule that did not apply; never null or blank. */
  public String ruleId() {
    return ruleId;
  }

  /**
   * Why, in one sentence; never null or blank.
   *
   * @throws IllegalStateException if a template wrote a blank sentence (a defect of the rule)
   */
  public String reason() {
    String written = reason;
    if (written == null) {
      written = sentence.text();
      if (written == null || written.isBlank()) {
        throw new IllegalStateException("the reason of missed rule " + ruleId + " came out blank from its template");
      }
      reason = written;
    }
    return written;
  }

  /**
   * The template and values of a reason {@linkplain #of(String, SentenceTemplate, List) given as
   * such}, whether or not it was read since; empty for a reason given as a sentence. Never null.
   */
  public Optional<TemplatedSentence> unwritten() {
    return Optional.ofNullable(sentence);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Missed m && ruleId.equals(m.ruleId) && reason().equals(m.reason());
  }

  @Override
  public int hashCode() {
    return 31 * ruleId.hashCode() + reason().hashCode(); // as the record's
  }

  @Override
  public String toString() {
    return "Missed[ruleId=" + ruleId + ", reason=" + reason() + "]";
  }
}
