package dev.loyalty.core.activity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The rule that a document lists each SKU on one line only. */
final class Skus {
  private Skus() {
  }

  /**
   * Refuses {@code lines} that list a SKU twice.
   *
   * @param twice the error message for a SKU found twice
   */
  static <T> void requireDistinct(List<T> lines, Function<T, String> sku, Function<String, String> twice) {
    Set<String> seen = new HashSet<>();
    for (T line : lines) {
      if (!seen.add(sku.apply(line))) {
        throw new IllegalArgumentException(twice.apply(sku.apply(line)));
      }
    }
  }
}
