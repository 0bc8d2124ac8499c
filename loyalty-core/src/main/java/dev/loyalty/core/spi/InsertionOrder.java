package dev.loyalty.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * How the in-memory stores page through what they keep in insertion order: from after a known key,
 * the values a filter keeps, at most a limit. Callers hold their own lock.
 */
final class InsertionOrder {

  private InsertionOrder() {
  }

  /**
   * The values at positions {@code 0..size-1} ({@code at} reads one) that {@code keep} accepts, from
   * after the position of key {@code after} in {@code positions} (empty: from the first), at most
   * {@code limit}.
   *
   * @param what names a value in the message of an unknown {@code after} ("claim")
   * @throws IllegalArgumentException if {@code after} is not a known key, or {@code limit} is not
   *                                  positive
   */
  static <K, V> List<V> page(int size, IntFunction<V> at, Map<K, Integer> positions, Optional<K> after, int limit,
      Predicate<V> keep, String what) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    int from = 0;
    if (after.isPresent()) {
      Integer position = positions.get(after.get());
      if (position == null) {
        throw new IllegalArgumentException("there is no " + what + " " + after.get() + " to list after");
      }
      from = position + 1;
    }
    List<V> found = new ArrayList<>();
    for (int i = from; i < size && found.size() < limit; i++) {
      V value = at.apply(i);
      if (keep.test(value)) {
        found.add(value);
      }
    }
    return found;
  }
}
