package dev.loyalty.core.performance;

import dev.loyalty.core.model.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One month of a {@link RunningHistory}, added to in place: what {@link MonthFigures#plus} gives,
 * without copying the month's category map for every activity. The sums are kept as {@link
 * BigDecimal} and made {@link Money} only when read as money ({@link #sales()}, {@link
 * #byCategory()}, {@link #figures()}): a {@code Money} strips its amount's trailing zeros when made,
 * which on every add was a {@code Money} and two {@code BigDecimal}s per sum; {@link FiguresWindow}
 * reads the amounts. Not thread-safe: its history's lock guards it; {@link #figures()} is the
 * immutable copy a snapshot takes.
 */
final class RunningMonth implements MonthSums {
  private final Currency currency;
  private BigDecimal sales = BigDecimal.ZERO;
  private long orders;
  /** In the month's currency; no zero kept, as in {@link MonthFigures}. */
  private final Map<String, BigDecimal> byCategory = new HashMap<>();
  /**
   * Categories first added in another currency than the month's, as money (null until one is):
   * {@link Contribution} does not refuse them, and {@link MonthFigures#plus} keeps them, refusing
   * only an amount added to a sum of another currency.
   */
  private Map<String, Money> foreign;

  RunningMonth(Currency currency) {
    this.currency = currency;
  }

  /**
   * Adds {@code c}: what {@link MonthFigures#plus} adds. Everything is checked before anything
   * changes, so a currency mismatch or an overflow leaves the month as it was.
   *
   * @throws IllegalArgumentException if the sales or a category's amount is in another currency
   *                                  than the month's
   * @throws ArithmeticException if the orders overflow
   */
  void add(Contribution c) {
    if (!c.sales().currency().equals(currency)) {
      // Money's own refusal and message
      Money.of(sales, currency).plus(c.sales());
    }
    Map<String, Money> more = c.byCategory();
    // the entries read once (an immutable map makes an entry object per entry on every pass),
    // each checked before anything changes
    int n = more.size();
    String onlyCategory = null;
    Money onlyAmount = null;
    Object[] pairs = null;
    if (n == 1) {
      Map.Entry<String, Money> only = more.entrySet().iterator().next();
      onlyCategory = only.getKey();
      onlyAmount = only.getValue();
      requireCurrency(onlyCategory, onlyAmount);
    } else if (n > 1) {
      pairs = new Object[2 * n];
      int i = 0;
      for (Map.Entry<String, Money> e : more.entrySet()) {
        requireCurrency(e.getKey(), e.getValue());
        pairs[i++] = e.getKey();
        pairs[i++] = e.getValue();
      }
    }
    long newOrders = Math.addExact(orders, c.orders());
    sales = sales.add(c.sales().amount());
    orders = newOrders;
    if (n == 1) {
      addCategory(onlyCategory, onlyAmount);
    } else if (n > 1) {
      for (int i = 0; i < pairs.length; i += 2) {
        addCategory((String) pairs[i], (Money) pairs[i + 1]);
      }
    }
  }

  private void addCategory(String category, Money amount) {
    if (amount.amount().signum() == 0) {
      return;
    }
    if (amount.currency().equals(currency) && (foreign == null || !foreign.containsKey(category))) {
      // a sum that comes to zero is dropped (the merge's null)
      byCategory.merge(category, amount.amount(), RunningMonth::sumOrNull);
    } else {
      if (foreign == null) {
        foreign = new HashMap<>();
      }
      foreign.merge(category, amount, RunningMonth::moneyOrNull);
    }
  }

  private static Money moneyOrNull(Money a, Money b) {
    Money sum = a.plus(b);
    return sum.isZero() ? null : sum;
  }

  private static BigDecimal sumOrNull(BigDecimal a, BigDecimal b) {
    BigDecimal sum = a.add(b);
    return sum.signum() == 0 ? null : sum;
  }

  /** Refuses, as {@link Money#plus} does, {@code amount} added to a sum of {@code category} in another currency. */
  private void requireCurrency(String category, Money amount) {
    Money other = foreign == null ? null : foreign.get(category);
    if (other != null) {
      if (!other.currency().equals(amount.currency())) {
        other.plus(amount);
      }
    } else if (!amount.currency().equals(currency) && byCategory.containsKey(category)) {
      Money.of(byCategory.get(category), currency).plus(amount);
    }
  }

  @Override
  public Money sales() {
    return Money.of(sales, currency);
  }

  @Override
  public BigDecimal salesAmount() {
    return sales;
  }

  @Override
  public Map<String, Money> byCategory() {
    Map<String, Money> money = new HashMap<>();
    byCategory.forEach((category, sum) -> money.put(category, Money.of(sum, currency)));
    if (foreign != null) {
      money.putAll(foreign);
    }
    return money;
  }

  @Override
  public void forEachCategoryAmount(BiConsumer<String, BigDecimal> action) {
    byCategory.forEach(action);
    if (foreign != null) {
      foreign.forEach((category, sum) -> action.accept(category, sum.amount()));
    }
  }

  @Override
  public long orders() {
    return orders;
  }

  /** The month as immutable figures. */
  MonthFigures figures() {
    return new MonthFigures(sales(), byCategory(), orders);
  }
}
