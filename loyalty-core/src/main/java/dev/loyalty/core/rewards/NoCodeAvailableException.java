package dev.loyalty.core.rewards;

/** The code pool of a digital item has fewer codes left than asked; the host loads more with {@code Rewards.loadCodes}. */
public final class NoCodeAvailableException extends RedemptionRefusedException {
  private static final long serialVersionUID = 1L;

  /** Redemption {@code redemption} of {@code item} was refused; {@code message} names the values. */
  public NoCodeAvailableException(RedemptionId redemption, CatalogItemId item, String message) {
    super(redemption, item, message);
  }
}
