package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;

/**
 * A redemption was refused, and nothing of it is kept: no points held, no stock or code taken. Its
 * subclasses name the reason; this class itself is a refusal by the ledger for a reason no retry
 * changes. The message names the redemption, the item and the values involved.
 */
public class RedemptionRefusedException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final RedemptionId redemption;
  private final CatalogItemId item;

  /** Redemption {@code redemption} of {@code item} was refused; {@code message} says why. */
  public RedemptionRefusedException(RedemptionId redemption, CatalogItemId item, String message) {
    super(requireNonNull(message, "message"));
    this.redemption = requireNonNull(redemption, "redemption");
    this.item = requireNonNull(item, "item");
  }

  /**
   * The refusal a redemption found short while it was placed ({@link RedemptionStatus#REFUSED}) ends
   * with, as the exception of its kind: redeeming it again refuses the same way.
   *
   * @throws IllegalArgumentException if {@code refused} was not refused
   */
  public static RedemptionRefusedException of(Redemption refused) {
    RedemptionRefusal why = refused.refusal().orElseThrow(() -> new IllegalArgumentException("redemption "
        + refused.id() + " is " + refused.status() + ", not refused"));
    String message = "redemption " + refused.id() + " was refused: " + why.message();
    return switch (why.code()) {
      case INSUFFICIENT_POINTS -> new InsufficientPointsException(refused.id(), refused.item(), message);
      case OUT_OF_STOCK -> new OutOfStockException(refused.id(), refused.item(), message);
      case NO_CODE -> new NoCodeAvailableException(refused.id(), refused.item(), message);
      case FULFILMENT_REFUSED -> new FulfilmentRefusedException(refused.id(), refused.item(), message);
      case LEDGER_REFUSED -> new RedemptionRefusedException(refused.id(), refused.item(), message);
    };
  }

  /** The redemption refused; never null. */
  public RedemptionId redemption() {
    return redemption;
  }

  /** The item it asked for; never null. */
  public CatalogItemId item() {
    return item;
  }
}
