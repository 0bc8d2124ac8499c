package dev.loyalty.ledger.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An insertion-ordered map for the handful of entries one command changes: a linear scan of two
 * arrays while small (no entry objects to allocate), a hash index once it grows (an expiry run
 * touches thousands of lots). Not thread-safe.
 */
final class SmallMap<K, V> {

  private static final int SCAN_LIMIT = 8;

  private final List<K> keys = new ArrayList<>(4);
  private final List<V> values = new ArrayList<>(4);
  private Map<K, Integer> index;

  V get(K key) {
    int i = indexOf(key);
    return i < 0 ? null : values.get(i);
  }

  void put(K key, V value) {
    int i = indexOf(key);
    if (i >= 0) {
      values.set(i, value);
      return;
    }
    keys.add(key);
    values.add(value);
    if (index != null) {
      index.put(key, keys.size() - 1);
    } else if (keys.size() > SCAN_LIMIT) {
      index = new HashMap<>();
      for (int k = 0; k < keys.size(); k++) {
        index.put(keys.get(k), k);
      }
    }
  }

  /** The values in insertion order (a copy). */
  List<V> values() {
    return List.copyOf(values);
  }

  private int indexOf(K key) {
    if (index != null) {
      Integer i = index.get(key);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
