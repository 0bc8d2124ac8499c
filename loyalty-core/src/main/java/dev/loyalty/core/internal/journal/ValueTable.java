package dev.loyalty.core.internal.journal;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers for values that recur from receipt to receipt (participant ids, rule references,
 * campaigns): each distinct value is kept once and a packed receipt names it by its number. It
 * only grows, by as many entries as the program has participants, rules and campaigns. Thread-safe:
 * a number handed out is readable by any thread that received, through a safe publication, bytes
 * holding it.
 */
final class ValueTable {
  private final Map<Object, Integer> numbers = new ConcurrentHashMap<>();
  /** Written under the lock; the array is replaced (never shrunk) when full. */
  private volatile Object[] values = new Object[256];
  private int size;

  /** The number of {@code value}, given it now if it has none. */
  int numberOf(Object value) {
    Integer known = numbers.get(requireNonNull(value, "value"));
    return known != null ? known : add(value);
  }

  private synchronized int add(Object value) {
    Integer known = numbers.get(value);
    if (known != null) {
      return known;
    }
    Object[] current = values;
    if (size == current.length) {
      current = Arrays.copyOf(current, size * 2);
      values = current;
    }
    current[size] = value;
    // published to the map after the array holds it, so a reader that has the number finds the value
    numbers.put(value, size);
    return size++;
  }

  /** The value numbered {@code number}, of {@code type}. */
  <T> T value(int number, Class<T> type) {
    Object[] current = values;
    if (number < 0 || number >= current.length || current[number] == null) {
      throw new IllegalStateException("no value numbered " + number + " in the journal's table");
    }
    return type.cast(current[number]);
  }
}
