package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * An immutable map with a value for every {@link EarningPeriod.Kind}, kept as one array indexed by
 * the kind's ordinal: what {@link EarnedPoints} holds when made by {@link EarnedPoints#of}, which
 * the engine does twice per activity (partner and member), so that neither a map per read nor a
 * copy of it is made. Equality, hash code and iteration order (by kind) are those of every
 * {@link Map} with the same entries; it refuses changes and null keys as {@link Map#copyOf} does.
 * Thread-safe (immutable).
 */
final class KindMap<V> extends ArrayMap<EarningPeriod.Kind, V> {
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
  int indexOf(Object key) {
    return requireNonNull(key, "key") instanceof EarningPeriod.Kind kind ? kind.ordinal() : -1;
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
  EarningPeriod.Kind keyAt(int i) {
    return KINDS[i];
  }

  @Override
  @SuppressWarnings("unchecked")
  V valueAt(int i) {
    return (V) values[i];
  }
}
