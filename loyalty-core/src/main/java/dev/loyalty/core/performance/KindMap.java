package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map with a value for every {@link EarningPeriod.Kind}, kept as one array indexed by
 * the kind's ordinal: what {@link EarnedPoints} holds when made by {@link EarnedPoints#of}, which
 * the engine does twice per activity (partner and member), so that neither a map per read nor a
 * copy of it is made. Equality, hash code and iteration order (by kind) are those of every
 * {@link Map} with the same entries; it refuses changes and null keys as {@link Map#copyOf} does.
 * Thread-safe (immutable).
 */
final class KindMap<V> extends AbstractMap<EarningPeriod.Kind, V> {
  private static final EarningPeriod.Kind[] KINDS = EarningPeriod.Kind.values();

  private final Object[] values;

  /** {@code values} by kind ordinal, one for every kind, none null; kept, not copied (the caller made it). */
  KindMap(Object[] values) {
    if (values.length != KINDS.length) {
      throw new IllegalArgumentException("one value per kind, got " + values.length);
    }
    for (Object v : values) {
      requireNonNull(v, "value");
    }
    this.values = values;
  }

  /** Whether {@code values} has a value for every kind. */
  static boolean complete(Object[] values) {
    for (Object v : values) {
      if (v == null) {
        return false;
      }
    }
    return values.length == KINDS.length;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    return requireNonNull(key, "key") instanceof EarningPeriod.Kind kind ? (V) values[kind.ordinal()] : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return requireNonNull(key, "key") instanceof EarningPeriod.Kind;
  }

  @Override
  public int size() {
    return KINDS.length;
  }

  @Override
  public boolean isEmpty() {
    return false;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<? super EarningPeriod.Kind, ? super V> action) {
    for (int i = 0; i < KINDS.length; i++) {
      action.accept(KINDS[i], (V) values[i]);
    }
  }

  @Override
  public Set<Map.Entry<EarningPeriod.Kind, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<EarningPeriod.Kind, V>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < KINDS.length;
          }

          @Override
          @SuppressWarnings("unchecked")
          public Map.Entry<EarningPeriod.Kind, V> next() {
            if (next >= KINDS.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<EarningPeriod.Kind, V> e = new AbstractMap.SimpleImmutableEntry<>(KINDS[next], (V) values[next]);
            next++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return KINDS.length;
      }
    };
  }
}
