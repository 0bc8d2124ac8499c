package dev.loyalty.core.spi;

import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.PointTotals;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What {@link InMemoryPerformanceStore#earned} answers: the periods asked for (a handful, distinct)
 * and their totals in two arrays, in the order asked for, instead of a hash map per read (the
 * engine reads them twice per activity). Equality and hash code are those of every {@link Map};
 * immutable, thread-safe.
 */
final class PeriodTotals extends AbstractMap<EarningPeriod, PointTotals> {
  private final EarningPeriod[] periods;
  private final PointTotals[] totals;

  private PeriodTotals(EarningPeriod[] periods, PointTotals[] totals) {
    this.periods = periods;
    this.totals = totals;
  }

  /**
   * {@code periods} with {@code totals} (same length, by position); a hash map when {@code periods}
   * repeats one, which a map keeps once.
   */
  static Map<EarningPeriod, PointTotals> of(List<EarningPeriod> periods, PointTotals[] totals) {
    EarningPeriod[] keys = periods.toArray(new EarningPeriod[0]);
    for (int i = 0; i < keys.length; i++) {
      Objects.requireNonNull(keys[i], "period");
      for (int j = 0; j < i; j++) {
        if (keys[j].equals(keys[i])) {
          Map<EarningPeriod, PointTotals> map = new LinkedHashMap<>();
          for (int k = 0; k < keys.length; k++) {
            map.put(keys[k], totals[k]);
          }
          return map;
        }
      }
    }
    return new PeriodTotals(keys, totals);
  }

  private int indexOf(Object key) {
    for (int i = 0; i < periods.length; i++) {
      if (periods[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public PointTotals get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : totals[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return periods.length;
  }

  @Override
  public void forEach(BiConsumer<? super EarningPeriod, ? super PointTotals> action) {
    for (int i = 0; i < periods.length; i++) {
      action.accept(periods[i], totals[i]);
    }
  }

  @Override
  public Set<Map.Entry<EarningPeriod, PointTotals>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<EarningPeriod, PointTotals>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < periods.length;
          }

          @Override
          public Map.Entry<EarningPeriod, PointTotals> next() {
            if (next >= periods.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<EarningPeriod, PointTotals> e = new AbstractMap.SimpleImmutableEntry<>(periods[next],
                totals[next]);
            next++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return periods.length;
      }
    };
  }
}
