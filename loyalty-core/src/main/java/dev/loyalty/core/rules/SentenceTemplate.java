package dev.loyalty.core.rules;

import java.util.List;

/**
 * The fixed words of one kind of sentence, which {@link #write} fills with the values of one
 * occasion ("Awarded _ _ points to _: _ (matched _, _)."). A rule engine that keeps a sentence as
 * a template and values ({@link TemplatedSentence}) lets the in-memory journal keep the template
 * once, by number, and only the values per receipt, without writing the sentence until it is read.
 *
 * <p>Implementations must be immutable values: {@code equals} and {@code hashCode} by what they
 * write (the journal keeps one of each set of equal templates and writes every sentence of them
 * with it), few (one per way the rules have of saying things, not one per sentence) and pure
 * ({@link #write} gives the same sentence for equal values, every time, on any thread).
 */
public interface SentenceTemplate {
  /**
   * The sentence these values make.
   *
   * @param values as {@link TemplatedSentence#values()} allows, as many and in the order this
   *               template's maker gave them; never null
   * @return the sentence; never null or blank
   */
  String write(List<Object> values);
}
