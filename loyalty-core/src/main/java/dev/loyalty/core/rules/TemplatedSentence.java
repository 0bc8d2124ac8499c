package dev.loyalty.core.rules;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import java.util.List;

/**
 * A sentence kept as its {@link SentenceTemplate} and the values that fill it, written when read
 * ({@link #text()}). The values are of the three kinds the in-memory journal keeps compactly:
 * numbers ({@code Long}), words ({@code String}) and participants ({@link ParticipantId}). Immutable
 * and thread-safe when the template is.
 *
 * @param template the sentence's fixed words; never null
 * @param values   what fills it, in the template's order; copied; never null, no null element
 */
public record TemplatedSentence(SentenceTemplate template, List<Object> values) {
  /**
   * @throws IllegalArgumentException if a value is not a {@code Long}, {@code String} or {@link
   *                                  ParticipantId} (the message names its type)
   */
  public TemplatedSentence {
    requireNonNull(template, "template");
    values = List.copyOf(values);
    for (Object value : values) {
      if (!(value instanceof Long || value instanceof String || value instanceof ParticipantId)) {
        throw new IllegalArgumentException("a templated sentence's value must be a Long, String or ParticipantId, got "
            + value.getClass().getName() + " " + value);
      }
    }
  }

  /** The sentence written from the template and the values; never null. */
  public String text() {
    return template.write(values);
  }

  /**
   * Takes a sentence apart into its template and values when asked, so that what a rule did can
   * be kept until then as it was kept at the firing ({@link RuleDecision#explainedByTemplate}). Must
   * be pure like {@link java.util.function.Supplier} given to {@link RuleDecision#explainedLater}:
   * equal sentences each time, depending on nothing that changes after the decision is made.
   */
  @FunctionalInterface
  public interface Source {
    /** The template and values; never null. */
    TemplatedSentence sentence();
  }
}
