package dev.loyalty.core.performance;

import dev.loyalty.core.model.Money;
import java.util.Map;

/**
 * One participant's sales in one calendar month as {@link FiguresWindow} reads them: an immutable
 * {@link MonthFigures} (a {@link ParticipantHistory}'s) or a {@link RunningMonth} added to in place
 * (a {@link RunningHistory}'s). Nothing returned is null; the category map holds no zero.
 */
interface MonthSums {
  /** Net sales of the month. */
  Money sales();

  /** Net sales per category, no zero kept; read only. */
  Map<String, Money> byCategory();

  /** Invoices in the month. */
  long orders();
}
