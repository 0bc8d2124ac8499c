package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import java.util.HashMap;
import java.util.Map;

/**
 * One participant's sales in one calendar month.
 *
 * @param sales      net of returns; never null
 * @param byCategory net sales per category, same currency; never null
 * @param orders     invoices in the month, not negative
 */
public record MonthFigures(Money sales, Map<String, Money> byCategory, long orders) implements MonthSums {
  public MonthFigures {
    requireNonNull(sales, "sales");
    byCategory = Map.copyOf(requireNonNull(byCategory, "byCategory"));
    if (orders < 0) {
      throw new IllegalArgumentException("orders must not be negative, got " + orders);
    }
  }

  /** These figures plus a contribution's. */
  MonthFigures plus(Contribution c) {
    Map<String, Money> categories = new HashMap<>(byCategory);
    c.byCategory().forEach((category, amount) -> categories.merge(category, amount, Money::plus));
    categories.values().removeIf(Money::isZero);
    return new MonthFigures(sales.plus(c.sales()), categories, Math.addExact(orders, c.orders()));
  }
}
