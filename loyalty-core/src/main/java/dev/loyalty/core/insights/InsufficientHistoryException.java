package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;

/**
 * A series is too short for what was asked of it: a backtest that holds out more months than the
 * history can spare. The message names the series' months and what was needed.
 */
public final class InsufficientHistoryException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final int months;
  private final int needed;

  /**
   * {@code months} months of history, {@code needed} needed for {@code purpose}.
   *
   * @param range   the series' months ("2024-05..2025-12"); never null
   * @param purpose what needed them ("a backtest holding out 12 months"); never null
   */
  public InsufficientHistoryException(String range, int months, int needed, String purpose) {
    super(requireNonNull(purpose, "purpose") + " needs at least " + needed + " months of history; the series has "
        + months + " (" + requireNonNull(range, "range") + ")");
    this.months = months;
    this.needed = needed;
  }

  /** The months the series has. */
  public int months() {
    return months;
  }

  /** The months that were needed. */
  public int needed() {
    return needed;
  }
}
