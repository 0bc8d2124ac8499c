package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A run of whole days, both ends included, open at either end when not given: when an item may be
 * redeemed, or the period a redemption limit counts in. Days are the program's
 * ({@code Program.zone()}): the caller turns an instant into a day there.
 *
 * @param first the first day in it; empty for no start; never null
 * @param last  the last day in it; empty for no end; not before {@code first}; never null
 */
public record DateSpan(Optional<LocalDate> first, Optional<LocalDate> last) {
  private static final DateSpan ALWAYS = new DateSpan(Optional.empty(), Optional.empty());

  public DateSpan {
    requireNonNull(first, "first");
    requireNonNull(last, "last");
    if (first.isPresent() && last.isPresent() && last.get().isBefore(first.get())) {
      throw new IllegalArgumentException("a span of days must end on or after its first day, got "
          + first.get() + " to " + last.get());
    }
  }

  /** Every day. */
  public static DateSpan always() {
    return ALWAYS;
  }

  /** From {@code first} to {@code last}, both included. */
  public static DateSpan of(LocalDate first, LocalDate last) {
    return new DateSpan(Optional.of(first), Optional.of(last));
  }

  /** Whether {@code day} is in it. */
  public boolean contains(LocalDate day) {
    requireNonNull(day, "day");
    return first.map(f -> !day.isBefore(f)).orElse(true) && last.map(l -> !day.isAfter(l)).orElse(true);
  }

  /** Whether {@code day} comes before its first day. */
  public boolean startsAfter(LocalDate day) {
    requireNonNull(day, "day");
    return first.map(day::isBefore).orElse(false);
  }

  /** Whether {@code day} comes after its last day. */
  public boolean endedBefore(LocalDate day) {
    requireNonNull(day, "day");
    return last.map(day::isAfter).orElse(false);
  }
}
