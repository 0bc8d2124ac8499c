package dev.loyalty.core.rewards;

/** The item's stock, counted by redemptions against the stock the current catalog declares, has fewer units left than asked. */
public final class OutOfStockException extends RedemptionRefusedException {
  private static final long serialVersionUID = 1L;

  /** Redemption {@code redemption} of {@code item} was refused; {@code message} names the values. */
  public OutOfStockException(RedemptionId redemption, CatalogItemId item, String message) {
    super(redemption, item, message);
  }
}
