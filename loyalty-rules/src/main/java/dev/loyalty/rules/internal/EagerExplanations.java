package dev.loyalty.rules.internal;

import java.util.function.Supplier;

/**
 * Lets a test have the sentences of fired rules written as the rules fire, as they were before they
 * were written on demand, to check that the two read the same ({@code FiredSentence}). Not for
 * production use: writing every sentence at once costs about a tenth of an evaluation's CPU.
 * Thread-confined: it applies to the evaluations the calling thread runs inside {@link #during}.
 */
public final class EagerExplanations {
  private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

  private EagerExplanations() {
  }

  /**
   * Runs {@code work} with the sentences of the evaluations it runs on this thread written as their
   * rules fire, and returns its result.
   *
   * @param work never null
   * @return what {@code work} returned
   */
  public static <T> T during(Supplier<T> work) {
    boolean before = ACTIVE.get();
    ACTIVE.set(true);
    try {
      return work.get();
    } finally {
      ACTIVE.set(before);
    }
  }

  /** Whether the calling thread runs inside {@link #during}. */
  static boolean active() {
    return ACTIVE.get();
  }
}
