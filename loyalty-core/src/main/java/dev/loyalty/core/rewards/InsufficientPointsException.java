package dev.loyalty.core.rewards;

/** The paying wallet does not have the points the redemption costs (available points: posted, less what holds reserve). */
public final class InsufficientPointsException extends RedemptionRefusedException {
  private static final long serialVersionUID = 1L;

  /** Redemption {@code redemption} of {@code item} was refused; {@code message} names the values. */
  public InsufficientPointsException(RedemptionId redemption, CatalogItemId item, String message) {
    super(redemption, item, message);
  }
}
