package dev.loyalty.core.jdbc.internal;

import dev.loyalty.core.model.Money;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.MonthFigures;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A month's figures as totals by key, the shape of {@code loyalty_figures_month.amounts}: the
 * database adds two such maps key by key ({@code loyalty_add_amounts}), so a contribution is added in
 * one statement whatever it carries, and a new kind of total needs a new key here, not a new column.
 *
 * <p>Keys: {@code sales} (net of returns, in the participant's currency), {@code orders},
 * {@code category:<name>} (net sales per category). A total of zero is left out (and dropped when
 * a sum comes to zero). Keys this version does not know (written by a later one) are ignored. To
 * add a total, give it a prefix of its own, write it in {@link #of} and read it in {@link
 * #figures}. (Earned points are kept per period in a table of their own, {@link EarnedTotals}: a
 * program year need not end with a month.) Stateless.
 */
public final class FigureAmounts {
  static final String SALES = "sales";
  static final String ORDERS = "orders";
  static final String CATEGORY = "category:";

  private FigureAmounts() {
  }

  /** What {@code c} adds to its month, by key. */
  public static Map<String, BigDecimal> of(Contribution c) {
    Map<String, BigDecimal> amounts = new HashMap<>();
    putNonZero(amounts, SALES, c.sales().amount());
    putNonZero(amounts, ORDERS, BigDecimal.valueOf(c.orders()));
    c.byCategory().forEach((category, money) -> putNonZero(amounts, CATEGORY + category, money.amount()));
    return amounts;
  }

  /**
   * The totals {@code month} holds for {@code keys} (keys {@link #of} writes), to be set in its row
   * ({@code ||}) instead of added; empty if one of them is zero, which the row must lose (the add in
   * the database removes it).
   */
  public static Optional<Map<String, BigDecimal>> totals(MonthFigures month, Set<String> keys) {
    Map<String, BigDecimal> out = new HashMap<>();
    for (String key : keys) {
      BigDecimal total;
      if (key.equals(SALES)) {
        total = month.sales().amount();
      } else if (key.equals(ORDERS)) {
        total = BigDecimal.valueOf(month.orders());
      } else if (key.startsWith(CATEGORY)) {
        Money category = month.byCategory().get(key.substring(CATEGORY.length()));
        total = category == null ? BigDecimal.ZERO : category.amount();
      } else {
        return Optional.empty(); // not a key of this version: let the database add it
      }
      if (total.signum() == 0) {
        return Optional.empty();
      }
      out.put(key, total);
    }
    return Optional.of(out);
  }

  /** The month's figures from its totals, in {@code currency}. */
  public static MonthFigures figures(Map<String, BigDecimal> amounts, Currency currency) {
    Map<String, Money> byCategory = new HashMap<>();
    amounts.forEach((key, amount) -> {
      if (key.startsWith(CATEGORY) && amount.signum() != 0) {
        byCategory.put(key.substring(CATEGORY.length()), Money.of(amount, currency));
      }
    });
    return new MonthFigures(Money.of(amounts.getOrDefault(SALES, BigDecimal.ZERO), currency), byCategory,
        amounts.getOrDefault(ORDERS, BigDecimal.ZERO).longValueExact());
  }

  private static void putNonZero(Map<String, BigDecimal> amounts, String key, BigDecimal amount) {
    if (amount.signum() != 0) {
      amounts.merge(key, amount, BigDecimal::add);
    }
  }
}
