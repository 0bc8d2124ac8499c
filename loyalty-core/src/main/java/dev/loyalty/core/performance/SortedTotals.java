package dev.loyalty.core.performance;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;

/**
 * An immutable map of totals in key order, kept as two arrays, with no zero total: what {@link
 * PointTotals} holds when built from another sorted map, and what {@link KindTotals} hands a reader
 * (its row's keys array shared, the totals copied). Lookups are binary searches; iteration is in key
 * order; equality and hash code are those of every {@link Map}. Thread-safe (immutable).
 */
final class SortedTotals<K extends Comparable<K>> extends ArrayMap<K, Long> {
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

  /**
   * Totals over {@code keys}, in their natural order, and {@code values}, one per key, none zero (the
   * caller checked): kept, not copied; {@code keys} must never change (it may be shared), nor
   * {@code values} once given here.
   */
  static <K extends Comparable<K>> SortedTotals<K> of(Object[] keys, long[] values) {
    return keys.length == 0 ? empty() : new SortedTotals<>(keys, values);
  }

  /** The keys, in order: the array itself, never to be changed. */
  Object[] keys() {
    return keys;
  }

  /** The total at {@code i}, {@code 0 <= i < size()}, unboxed. */
  long total(int i) {
    return values[i];
  }

  private static final SortedTotals<?> EMPTY = new SortedTotals<>(new Object[0], new long[0]);

  /** No totals. */
  @SuppressWarnings("unchecked")
  static <K extends Comparable<K>> SortedTotals<K> empty() {
    return (SortedTotals<K>) EMPTY;
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
   * Both sorted totals merged (what a running total gets from the points an activity counts,
   * themselves sorted totals), without a search or an entry per key. A first pass counts the keys
   * of the result (and throws on an overflow before anything is made); the result then shares the
   * keys array of whichever side already has exactly its keys, which is the usual case (an
   * activity's rules add to totals that already have them, or start a new period's totals), so only
   * the totals are copied, and every version of a period's totals, and the periods an activity's
   * points start, keep one keys array between them.
   */
  @SuppressWarnings("unchecked")
  private SortedTotals<K> merged(SortedTotals<K> more) {
    if (sameKeys(keys, more.keys)) {
      return mergedSameKeys(more);
    }
    int n = 0;
    boolean keysOfThis = true;
    boolean keysOfMore = true;
    int i = 0;
    int j = 0;
    while (i < keys.length || j < more.keys.length) {
      int order = i == keys.length ? 1 : j == more.keys.length ? -1 : compare(keys[i], more.keys[j]);
      if (order < 0) {
        keysOfMore = false;
        i++;
        n++;
      } else if (order > 0) {
        keysOfThis = false;
        j++;
        n++;
      } else if (Math.addExact(values[i++], more.values[j++]) == 0) {
        keysOfThis = false;
        keysOfMore = false;
      } else {
        n++;
      }
    }
    if (n == 0) {
      return empty();
    }
    boolean shared = keysOfThis || keysOfMore;
    Object[] k = keysOfThis ? keys : keysOfMore ? more.keys : new Object[n];
    long[] v = new long[n];
    i = 0;
    j = 0;
    int at = 0;
    while (i < keys.length || j < more.keys.length) {
      int order = i == keys.length ? 1 : j == more.keys.length ? -1 : compare(keys[i], more.keys[j]);
      Object key = order <= 0 ? keys[i] : more.keys[j];
      long total = order < 0 ? values[i++] : order > 0 ? more.values[j++] : values[i++] + more.values[j++];
      if (total != 0) {
        if (!shared) {
          k[at] = key;
        }
        v[at++] = total;
      }
    }
    return new SortedTotals<>(k, v);
  }

  /**
   * Whether both arrays hold the same key instances in the same places: an activity's points
   * usually name exactly the rules (the same id strings) a period's totals already have, and are
   * then added place by place, without comparing keys.
   */
  private static boolean sameKeys(Object[] a, Object[] b) {
    if (a == b) {
      return true;
    }
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #merged} of totals with the same keys ({@link #sameKeys}): the result keeps this one's
   * keys array unless a total comes to zero.
   */
  private SortedTotals<K> mergedSameKeys(SortedTotals<K> more) {
    long[] v = new long[values.length];
    boolean zero = false;
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.addExact(values[i], more.values[i]);
      zero |= v[i] == 0;
    }
    if (!zero) {
      return new SortedTotals<>(keys, v);
    }
    // rare: a take-back that empties a rule's total; the result keeps neither side's keys array
    return withoutZeros(keys.clone(), v);
  }

  /** Keys in their natural order, the same instance equal without a call. */
  @SuppressWarnings("unchecked")
  private static <K extends Comparable<K>> int compare(Object a, Object b) {
    return a == b ? 0 : ((K) a).compareTo((K) b);
  }

  /** Whether these totals and {@code other} keep their keys in one array (what a merge shares). */
  boolean sharesKeysWith(SortedTotals<?> other) {
    return keys == other.keys;
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
    return kept == 0 ? empty() : new SortedTotals<>(Arrays.copyOf(k, kept), Arrays.copyOf(v, kept));
  }

  @SuppressWarnings("unchecked")
  private static <K extends Comparable<K>> int search(Object[] keys, int size, K key) {
    return Arrays.binarySearch(keys, 0, size, key, (a, b) -> ((K) a).compareTo((K) b));
  }

  @Override
  @SuppressWarnings("unchecked")
  int indexOf(Object key) {
    if (key == null || keys.length == 0 || !keys[0].getClass().isInstance(key)) {
      return -1;
    }
    int found = Arrays.binarySearch(keys, key, (a, b) -> ((K) a).compareTo((K) b));
    return found >= 0 ? found : -1;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  @SuppressWarnings("unchecked")
  K keyAt(int i) {
    return (K) keys[i];
  }

  @Override
  Long valueAt(int i) {
    return values[i];
  }
}
