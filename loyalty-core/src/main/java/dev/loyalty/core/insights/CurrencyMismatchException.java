package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;
import java.util.Currency;

/**
 * Two amounts that would have to be added are in different currencies: a region's total of
 * partners that keep their sales in INR and in USD, say. Insights never convert currencies; the
 * host converts at the rate it chooses and sums the converted series. The message names both sides
 * and both currencies.
 */
public final class CurrencyMismatchException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final Currency left;
  private final Currency right;

  /**
   * {@code leftName} in {@code left} cannot be added to {@code rightName} in {@code right}.
   *
   * @param leftName  what the first side is ("partner dealer-a's sales"); never null
   * @param rightName what the second side is; never null
   */
  public CurrencyMismatchException(String leftName, Currency left, String rightName, Currency right) {
    super("Currency mismatch: cannot add " + requireNonNull(leftName, "leftName") + " ("
        + requireNonNull(left, "left") + ") and " + requireNonNull(rightName, "rightName") + " ("
        + requireNonNull(right, "right") + "); convert them to one currency first");
    this.left = left;
    this.right = right;
  }

  /** The first side's currency; never null. */
  public Currency left() {
    return left;
  }

  /** The second side's currency; never null. */
  public Currency right() {
    return right;
  }
}
