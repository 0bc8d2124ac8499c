package dev.loyalty.core.rewards;

import java.util.Collection;
import java.util.stream.Collectors;

/** How the catalog's messages list names: sorted, so that a message does not change from run to run. */
final class Texts {
  private Texts() {
  }

  /** {@code "gold, silver"}: the names of {@code values}, sorted. */
  static String sorted(Collection<?> values) {
    return values.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }
}
