package dev.loyalty.core.json.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" hints for misspelt names: JSON fields and types here, DRL fields, types and
 * stages in loyalty-rules (which uses this class rather than keep a copy). Stateless and
 * thread-safe.
 */
public final class Suggestions {
  private static final int MAX_DISTANCE = 2;

  private Suggestions() {
  }

  /** {@code " (did you mean 'x'?)"} for the closest candidate, or "" if none is close. */
  public static String didYouMean(String given, Collection<String> candidates) {
    return closest(given, candidates).map(best -> " (did you mean '" + best + "'?)").orElse("");
  }

  /** The candidate closest to {@code given}, if one is within two edits (case ignored). */
  public static Optional<String> closest(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lowerGiven = given.toLowerCase(Locale.ROOT);
    for (String candidate : candidates) {
      int distance = distance(lowerGiven, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= MAX_DISTANCE ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance; field names are short, so the quadratic table is cheap. */
  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > MAX_DISTANCE) {
      return Integer.MAX_VALUE;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
