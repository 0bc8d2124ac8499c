package dev.loyalty.core.internal.journal;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers for values that recur from receipt to receipt (participant ids, rule references,
 * campaigns, the shapes of sentences): each distinct value is kept once and a packed receipt names
 * it by its number. It only grows, up to its limit: past it a value gets no number (and the packer
 * writes it out). Thread-safe: a number handed out is readable by any thread that received,
 * through a safe publication, bytes holding it.
 */
final class ValueTable {
  /** What {@link #numberOf} answers for a new value once the table is full. */
  static final int FULL = -1;

  private final int limit;
  private final Map<Object, Integer> numbers = new ConcurrentHashMap<>();
  /** Written under the lock; the array is replaced (never shrunk) when full. */
  private volatile Object[] values = new Object[16];
  private int size;

  /** A table of at most {@code limit} values. */
  ValueTable(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("a table's limit must be positive, got " + limit);
    }
    this.limit = limit;
  }

  /** The number of {@code value}, given it now if it has none; {@link #FULL} if the table is full. */
  int numberOf(Object value) {
    Integer known = numbers.get(requireNonNull(value, "value"));
    return known != null ? known : add(value);
  }

  private synchronized int add(Object value) {
    Integer known = numbers.get(value);
    if (known != null) {
      return known;
    }
    if (size == limit) {
      return FULL;
    }
    Object[] current = values;
    if (size == current.length) {
      current = Arrays.copyOf(current, Math.min(size * 2, limit));
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
