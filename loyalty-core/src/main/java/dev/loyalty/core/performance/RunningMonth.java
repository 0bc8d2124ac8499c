package dev.loyalty.core.performance;

import dev.loyalty.core.model.Money;
import java.util.HashMap;
import java.util.Map;

/**
 * One month of a {@link RunningHistory}, added to in place: what {@link MonthFigures#plus} gives,
 * without copying the month's category map for every activity (each {@code plus} copied it twice:
 * into a hash map, and from there into an immutable map). Not thread-safe: its history's lock guards
 * it; {@link #figures()} is the immutable copy a snapshot takes.
 */
final class RunningMonth implements MonthSums {
  private Money sales;
  private long orders;
  /** No zero kept, as in {@link MonthFigures}. */
  private final Map<String, Money> byCategory = new HashMap<>();

  RunningMonth(Money zero) {
    this.sales = zero;
  }

  /**
   * Adds {@code c}: what {@link MonthFigures#plus} adds. Every sum is made before anything changes,
   * so a currency mismatch or an overflow leaves the month as it was.
   *
   * @throws IllegalArgumentException if a category's amount is in another currency than its sum
   * @throws ArithmeticException if the orders overflow
   */
  void add(Contribution c) {
    Money newSales = sales.plus(c.sales());
    long newOrders = Math.addExact(orders, c.orders());
    Map<String, Money> more = c.byCategory();
    if (more.size() == 1) {
      // an invoice of one category: no array of new sums
      Map.Entry<String, Money> only = more.entrySet().iterator().next();
      put(only.getKey(), sum(only.getKey(), only.getValue()));
    } else if (!more.isEmpty()) {
      String[] categories = new String[more.size()];
      Money[] sums = new Money[categories.length];
      int i = 0;
      for (Map.Entry<String, Money> e : more.entrySet()) {
        categories[i] = e.getKey();
        sums[i++] = sum(e.getKey(), e.getValue());
      }
      for (i = 0; i < categories.length; i++) {
        put(categories[i], sums[i]);
      }
    }
    sales = newSales;
    orders = newOrders;
  }

  /** What {@code category} comes to with {@code amount} (the amount itself for a new category, as a merge keeps it). */
  private Money sum(String category, Money amount) {
    Money before = byCategory.get(category);
    return before == null ? amount : before.plus(amount);
  }

  private void put(String category, Money sum) {
    if (sum.isZero()) {
      byCategory.remove(category);
    } else {
      byCategory.put(category, sum);
    }
  }

  @Override
  public Money sales() {
    return sales;
  }

  @Override
  public Map<String, Money> byCategory() {
    return byCategory;
  }

  @Override
  public long orders() {
    return orders;
  }

  /** The month as immutable figures. */
  MonthFigures figures() {
    return new MonthFigures(sales, byCategory, orders);
  }
}
