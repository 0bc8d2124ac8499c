package dev.loyalty.core.performance;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map whose entries are read by position and found by {@link #indexOf} (keys and values kept in arrays by its
 * subclass): iteration and {@link #forEach} without an entry object per key, for the maps the
 * record path hands out on every activity ({@link SortedTotals}, {@link KindMap}, {@link
 * CategoryTotals}). Equality and hash code are {@link AbstractMap}'s, those of every {@link Map};
 * changes are refused. Thread-safe when the subclass is immutable.
 */
abstract class ArrayMap<K, V> extends AbstractMap<K, V> {

  /** The key at {@code i}, {@code 0 <= i < size()}. */
  abstract K keyAt(int i);

  /** The value at {@code i}, {@code 0 <= i < size()}. */
  abstract V valueAt(int i);

  /** Where {@code key} is, or -1 when absent. */
  abstract int indexOf(Object key);

  @Override
  public V get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : valueAt(i);
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public void forEach(BiConsumer<? super K, ? super V> action) {
    int size = size();
    for (int i = 0; i < size; i++) {
      action.accept(keyAt(i), valueAt(i));
    }
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<K, V>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < ArrayMap.this.size();
          }

          @Override
          public Map.Entry<K, V> next() {
            if (next >= ArrayMap.this.size()) {
              throw new NoSuchElementException();
            }
            Map.Entry<K, V> e = new AbstractMap.SimpleImmutableEntry<>(keyAt(next), valueAt(next));
            next++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return ArrayMap.this.size();
      }
    };
  }
}
