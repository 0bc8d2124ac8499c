package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Currency;
import java.util.Map;
import java.util.TreeMap;

/**
 * Net sales per category in a figures window, positive ones only: an immutable map kept as a sorted
 * array of categories and one of amounts, what {@link FiguresWindow} hands out in every {@link
 * PerformanceFigures} (which keeps it without a copy). A contribution that changes the amounts of
 * categories already there (what most invoices do) gives a new map that shares the categories'
 * array and copies only the amounts, instead of a hash map copied into an immutable map. Equality
 * and hash code are those of every {@link Map}; iteration is by category; refuses changes and null
 * keys as {@link Map#copyOf} does. Thread-safe (immutable).
 */
final class CategoryTotals extends ArrayMap<String, Money> {
  static final CategoryTotals NONE = new CategoryTotals(new String[0], new Money[0]);

  private final String[] categories;
  private final Money[] amounts;

  private CategoryTotals(String[] categories, Money[] amounts) {
    this.categories = categories;
    this.amounts = amounts;
  }

  /** The positive amounts of {@code sums} as money of {@code currency}. */
  static CategoryTotals positiveOf(Map<String, BigDecimal> sums, Currency currency) {
    TreeMap<String, Money> positive = new TreeMap<>();
    sums.forEach((category, amount) -> {
      if (amount.signum() > 0) {
        positive.put(category, Money.of(amount, currency));
      }
    });
    return of(positive);
  }

  private static CategoryTotals of(TreeMap<String, Money> sorted) {
    if (sorted.isEmpty()) {
      return NONE;
    }
    return new CategoryTotals(sorted.keySet().toArray(new String[0]), sorted.values().toArray(new Money[0]));
  }

  /**
   * These totals with {@code changed} categories set to their new amount, or left out where the
   * new amount is null (no longer positive): a new map, this one unchanged.
   */
  CategoryTotals with(String[] changed, Money[] now) {
    Money[] next = null;
    for (int c = 0; c < changed.length; c++) {
      int at = Arrays.binarySearch(categories, changed[c]);
      if (at < 0 || now[c] == null) {
        return rebuilt(changed, now);
      }
      if (next == null) {
        next = amounts.clone();
      }
      next[at] = now[c];
    }
    return next == null ? this : new CategoryTotals(categories, next);
  }

  /** A category comes or goes: made afresh (rare once a window has its categories). */
  private CategoryTotals rebuilt(String[] changed, Money[] now) {
    TreeMap<String, Money> all = new TreeMap<>();
    for (int i = 0; i < categories.length; i++) {
      all.put(categories[i], amounts[i]);
    }
    for (int c = 0; c < changed.length; c++) {
      if (now[c] == null) {
        all.remove(changed[c]);
      } else {
        all.put(changed[c], now[c]);
      }
    }
    return of(all);
  }

  @Override
  int indexOf(Object key) {
    return requireNonNull(key, "key") instanceof String category ? Arrays.binarySearch(categories, category) : -1;
  }

  @Override
  public int size() {
    return categories.length;
  }

  @Override
  String keyAt(int i) {
    return categories[i];
  }

  @Override
  Money valueAt(int i) {
    return amounts[i];
  }
}
