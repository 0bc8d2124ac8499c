package dev.loyalty.core.performance;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.SortedMap;

/**
 * An immutable map of totals in key order, kept as two arrays, with no zero total: what a running
 * total is kept as ({@link RunningHistory} replaces it on every add, so that reading it, which rules
 * do for four periods on every activity, copies nothing), and what {@link PointTotals} holds when
 * built from it or from another sorted map. Lookups are binary searches; iteration is in key order; equality and hash
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

  /** No totals. */
  static <K extends Comparable<K>> SortedTotals<K> empty() {
    return new SortedTotals<>(new Object[0], new long[0]);
  }

  /**
   * These totals with {@code more} added key by key, a total that comes to zero left out: a new
   * map, this one unchanged (so a {@link PointTotals} read before still holds the old totals).
   *
   * @throws ArithmeticException if a total overflows a {@code long}
   */
  SortedTotals<K> plus(Map<K, Long> more) {
    if (more instanceof SortedTotals<K> sorted) {
      return merged(sorted);
    }
    int added = 0;
    for (K key : more.keySet()) {
      if (search(keys, keys.length, key) < 0) {
        added++;
      }
    }
    // sized exactly: a period's totals are replaced on every activity, so no slack is kept
    Object[] k = Arrays.copyOf(keys, keys.length + added);
    long[] v = Arrays.copyOf(values, k.length);
    int size = keys.length;
    boolean zero = false;
    for (Map.Entry<K, Long> e : more.entrySet()) {
      int at = search(k, size, e.getKey());
      if (at >= 0) {
        v[at] = Math.addExact(v[at], e.getValue());
        zero |= v[at] == 0;
      } else {
        int insert = -(at + 1);
        System.arraycopy(k, insert, k, insert + 1, size - insert);
        System.arraycopy(v, insert, v, insert + 1, size - insert);
        k[insert] = e.getKey();
        v[insert] = e.getValue();
        zero |= v[insert] == 0;
        size++;
      }
    }
    return zero ? withoutZeros(k, v) : new SortedTotals<>(k, v);
  }

  /**
   * Both sorted totals merged in one pass (what a running total gets from the points an activity
   * counts, themselves sorted totals), without a search or an entry per key.
   */
  @SuppressWarnings("unchecked")
  private SortedTotals<K> merged(SortedTotals<K> more) {
    Object[] k = new Object[keys.length + more.keys.length];
    long[] v = new long[k.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < keys.length || j < more.keys.length) {
      int order = i == keys.length ? 1 : j == more.keys.length ? -1 : ((K) keys[i]).compareTo((K) more.keys[j]);
      long total;
      if (order < 0) {
        k[n] = keys[i];
        total = values[i++];
      } else if (order > 0) {
        k[n] = more.keys[j];
        total = more.values[j++];
      } else {
        k[n] = keys[i];
        total = Math.addExact(values[i++], more.values[j++]);
      }
      v[n] = total;
      n += total == 0 ? 0 : 1;
    }
    return n == k.length ? new SortedTotals<>(k, v) : new SortedTotals<>(Arrays.copyOf(k, n), Arrays.copyOf(v, n));
  }

  private static <K extends Comparable<K>> SortedTotals<K> withoutZeros(Object[] k, long[] v) {
    int kept = 0;
    for (int i = 0; i < k.length; i++) {
      if (v[i] != 0) {
        k[kept] = k[i];
        v[kept] = v[i];
        kept++;
      }
    }
    return new SortedTotals<>(Arrays.copyOf(k, kept), Arrays.copyOf(v, kept));
  }

  @SuppressWarnings("unchecked")
  private static <K extends Comparable<K>> int search(Object[] keys, int size, K key) {
    return Arrays.binarySearch(keys, 0, size, key, (a, b) -> ((K) a).compareTo((K) b));
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
  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<? super K, ? super Long> action) {
    // no entry objects: running totals are read this way on every activity
    for (int i = 0; i < keys.length; i++) {
      action.accept((K) keys[i], values[i]);
    }
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
