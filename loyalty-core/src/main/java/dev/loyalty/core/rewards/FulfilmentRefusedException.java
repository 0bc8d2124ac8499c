package dev.loyalty.core.rewards;

/** The host's {@link FulfilmentPort} refused to fulfil the redemption; the points held for it were released. */
public final class FulfilmentRefusedException extends RedemptionRefusedException {
  private static final long serialVersionUID = 1L;

  /** Redemption {@code redemption} of {@code item} was refused; {@code message} names the values. */
  public FulfilmentRefusedException(RedemptionId redemption, CatalogItemId item, String message) {
    super(redemption, item, message);
  }
}
