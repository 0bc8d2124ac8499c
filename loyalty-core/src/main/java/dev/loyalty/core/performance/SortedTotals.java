package dev.loyalty.core.performance;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;

/**
 * An immutable map of totals in key order, kept as two arrays: what {@link PointTotals} holds when
 * it is built from an already sorted map (a running total's). Rules read a participant's earned
 * points for four periods on every activity, and a {@code TreeMap} copy made an entry object per
 * key for each of them. Lookups are binary searches; iteration is in key order; equality and hash
 * code are those of every {@link Map}. Thread-safe (immutable).
 */
final class SortedTotals<K extends Comparable<K>> extends AbstractMap<K, Long> {
  private final Object[] keys;
  private final long[] values;

  private SortedTotals(Object[] keys, long[] values) {
    this.keys = keys;
    this.values = values;
  }

  /**
   * A copy of {@code sorted}, a map in its keys' natural order with no null key or total and no
   * zero total (the caller checked).
   */
  static <K extends Comparable<K>> SortedTotals<K> copyOf(SortedMap<K, Long> sorted) {
    Object[] keys = new Object[sorted.size()];
    long[] values = new long[keys.length];
    int i = 0;
    for (Map.Entry<K, Long> e : sorted.entrySet()) {
      keys[i] = e.getKey();
      values[i] = e.getValue();
      i++;
    }
    return new SortedTotals<>(keys, values);
  }

  @SuppressWarnings("unchecked")
  private int indexOf(Object key) {
    if (key == null || keys.length == 0 || !keys[0].getClass().isInstance(key)) {
      return -1;
    }
    int found = Arrays.binarySearch(keys, key, (a, b) -> ((K) a).compareTo((K) b));
    return found >= 0 ? found : -1;
  }

  @Override
  public Long get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public Set<Map.Entry<K, Long>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<K, Long>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          @SuppressWarnings("unchecked")
          public Map.Entry<K, Long> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<K, Long> e = new AbstractMap.SimpleImmutableEntry<>((K) keys[next], values[next]);
            next++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }
}
