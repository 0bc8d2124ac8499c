package dev.loyalty.core.rewards;

/**
 * The member may not redeem from its organisation's wallet: the program's {@link
 * RedemptionPermission} refused it. The message says who, for which organisation and why.
 */
public final class RedemptionNotPermittedException extends RedemptionRefusedException {
  private static final long serialVersionUID = 1L;

  /** Redemption {@code redemption} of {@code item} was not permitted; {@code message} says why. */
  public RedemptionNotPermittedException(RedemptionId redemption, CatalogItemId item, String message) {
    super(redemption, item, message);
  }
}
