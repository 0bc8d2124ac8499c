package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;

/**
 * What one activity adds to one participant's figures. A return contributes negative sales and no
 * orders.
 *
 * @param activity      the activity it comes from; a store applies each activity's contribution
 *                      to a participant at most once; never null
 * @param occurredAt    the activity's time; never null
 * @param month         the month (in the program's zone) it counts in; never null
 * @param sales         never null (zero for activities that are not sales)
 * @param byCategory    same currency as {@code sales}; never null
 * @param orders        +1 for an invoice, otherwise 0
 * @param certification a certification earned, with its last valid day if it lapses; never null
 */
public record Contribution(
    ActivityId activity,
    Instant occurredAt,
    YearMonth month,
    Money sales,
    Map<String, Money> byCategory,
    int orders,
    Optional<Certification> certification) {
  public Contribution {
    requireNonNull(activity, "activity");
    requireNonNull(occurredAt, "occurredAt");
    requireNonNull(month, "month");
    requireNonNull(sales, "sales");
    byCategory = Map.copyOf(requireNonNull(byCategory, "byCategory"));
    requireNonNull(certification, "certification");
    if (orders < 0 || orders > 1) {
      throw new IllegalArgumentException("an activity adds 0 or 1 orders, got " + orders);
    }
  }

  /**
   * A certification held.
   *
   * @param code       never null
   * @param validUntil never null
   */
  public record Certification(String code, Optional<LocalDate> validUntil) {
    public Certification {
      requireNonNull(code, "code");
      requireNonNull(validUntil, "validUntil");
    }
  }
}
