package dev.loyalty.core.performance;

import dev.loyalty.core.model.Money;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One participant's sales in one calendar month as {@link FiguresWindow} reads them: an immutable
 * {@link MonthFigures} (a {@link ParticipantHistory}'s) or a {@link RunningMonth} added to in place
 * (a {@link RunningHistory}'s), which keeps its sums as {@link BigDecimal} and makes {@link Money}
 * only when asked. Nothing returned is null; the category sums hold no zero.
 */
interface MonthSums {
  /** Net sales of the month. */
  Money sales();

  /** Net sales per category, no zero kept; read only. */
  Map<String, Money> byCategory();

  /** Invoices in the month. */
  long orders();

  /** {@link #sales()}'s amount, without a {@link Money} made for it. */
  default BigDecimal salesAmount() {
    return sales().amount();
  }

  /** {@link #byCategory()}'s entries' amounts, without {@link Money} made for them. */
  default void forEachCategoryAmount(BiConsumer<String, BigDecimal> action) {
    byCategory().forEach((category, sum) -> action.accept(category, sum.amount()));
  }
}
