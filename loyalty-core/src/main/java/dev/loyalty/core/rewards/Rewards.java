package dev.loyalty.core.rewards;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.model.ParticipantId;
import java.util.List;
import java.util.Optional;

/**
 * The burn side of an engine ({@code engine.rewards()}): what participants may redeem, redemption
 * on ledger holds, fulfilment and tracking, stock and code pools.
 *
 * <p>A redemption holds the points in the paying wallet (the ledger reserves specific lots) and
 * reserves the stock, both or neither, under the redemption's id as idempotency key. Digital codes
 * and rewards the host fulfils at once are paid at once; goods are paid when they ship; a
 * cancellation, an expired hold or a failed delivery gives everything back, and a return after
 * delivery refunds by a reversal of the payment, so the points come back with their own expiry
 * dates. Every change is filed before it is written and emits a {@code RedemptionChanged} event
 * through the outbox; a change interrupted by a crash is finished exactly once by repeating the
 * call or by {@link #recover()}.
 *
 * <p>Thread-safe. Changes of one partner's redemptions (and its members') run one at a time, as its
 * activities do; stock is reserved atomically across partners, points by the ledger. Every refusal
 * is a {@link LoyaltyException} that changes nothing. No method accepts or returns null.
 */
public interface Rewards {

  /** The catalog and its versions (publish a new version here). */
  CatalogVersions catalogs();

  /**
   * The participant as the engine sees it now, to judge the catalog for: the partner, or the member
   * and its partner, with its current tier and locale.
   *
   * @throws UnknownPartnerException if the partner is not enrolled
   * @throws UnknownMemberException  if the member is not enrolled
   */
  Participant participant(ParticipantId participant);

  /**
   * What {@code participant} may redeem now: the current catalog's offers to it, less items whose
   * stock is used up and items it has redeemed as often as a limit allows in the period.
   *
   * @throws UnknownPartnerException if the partner is not enrolled
   * @throws UnknownMemberException  if the member is not enrolled
   */
  List<Offer> offers(ParticipantId participant);

  /**
   * Redeems: holds the points and reserves the stock (and the codes of a code pool), then fulfils
   * what can be fulfilled at once. Redeeming the same request again returns the redemption as it
   * stands (finishing it first if a crash interrupted it), and never charges twice.
   *
   * @return the redemption: {@code FULFILLED} (a pool's code, or the fulfilment port answered done)
   *         or {@code ORDERED} (goods to ship or hand over, or fulfilment the host will confirm)
   * @throws ItemNotAvailableException        if the participant may not redeem the item now (every
   *                                          reason in it)
   * @throws RedemptionLimitException         if it would pass a per-participant limit
   * @throws OutOfStockException              if fewer units are left than asked
   * @throws NoCodeAvailableException         if the item's code pool has fewer codes left
   * @throws InsufficientPointsException      if the wallet has fewer points available
   * @throws RedemptionNotPermittedException  if the member may not redeem from its organisation's wallet
   * @throws FulfilmentRefusedException       if the host's fulfilment refused it
   * @throws RedemptionRefusedException       if the ledger refused the hold for another reason
   * @throws DuplicateRedemptionException     if the id was used for another request
   * @throws UnknownCatalogItemException      if the current catalog has no such item
   * @throws UnknownPartnerException          if the partner is not enrolled
   * @throws UnknownMemberException           if the redeemer is not enrolled, or works for another partner
   * @throws LoyaltyException                 if the host's fulfilment failed (an exception): the points
   *                                          stay held and repeating the call or {@code recover()} asks again
   */
  Redemption redeem(RedemptionRequest request);

  /**
   * Confirms an {@code ORDERED} reward the host fulfilled (a payout made, a seat booked, a code sent):
   * the points are paid; {@code FULFILLED}. Repeating it for a fulfilled redemption returns it.
   *
   * @throws RedemptionStateException if it is not waiting for the host's fulfilment (goods ship or are
   *                                  handed over instead), or its hold timed out (it is expired now)
   */
  Redemption fulfil(RedemptionId id, String reference);

  /**
   * Ships {@code ORDERED} goods: the points are paid; {@code SHIPPED}, with carrier and tracking.
   * Repeating it with the same shipment returns it.
   *
   * @throws RedemptionStateException if it is not ordered goods that ship, or its hold timed out
   */
  Redemption ship(RedemptionId id, Shipment shipment);

  /**
   * Marks shipped goods delivered, or goods that are collected handed over (then the points are paid
   * now); {@code DELIVERED}. Repeating it returns it.
   *
   * @throws RedemptionStateException if it is not shipped (or, for collected goods, ordered)
   */
  Redemption deliver(RedemptionId id);

  /**
   * The carrier could not deliver shipped goods: the points are refunded (with their own expiry
   * dates) and the stock released; {@code DELIVERY_FAILED}. Repeating it returns it.
   *
   * @throws RedemptionStateException if it is not shipped
   */
  Redemption failDelivery(RedemptionId id, String reason);

  /**
   * Cancels an {@code ORDERED} redemption: the hold and the stock are released; {@code CANCELLED}.
   * Repeating it returns it.
   *
   * @throws RedemptionStateException if it is past ordered (shipped, fulfilled) or ended
   */
  Redemption cancel(RedemptionId id, String reason);

  /**
   * {@code units} of delivered goods came back: their points are refunded by a partial reversal of
   * the payment (they come back with their own expiry dates). When every unit is back: {@code
   * RETURNED}. Returned units do not go back into stock. {@code reference} (the host's RMA number)
   * makes it idempotent: the same reference again returns the redemption as it stands.
   *
   * @throws RedemptionStateException if it is not delivered, fewer units are left to return, or the
   *                                  reference was used for another number of units
   */
  Redemption returnUnits(RedemptionId id, String reference, int units, String reason);

  /**
   * Runs the ledger's timeout sweep and ends every {@code ORDERED} redemption whose hold timed out
   * (the program's {@code redemptionHoldTimeout} after it was made) as {@code EXPIRED}, releasing
   * its stock. Call it on a schedule (daily, say).
   *
   * @return the redemptions it expired
   */
  List<Redemption> expireTimedOut();

  /** The redemption {@code id}, if any. */
  Optional<Redemption> redemption(RedemptionId id);

  /** The redemptions paid from {@code wallet} (a member's, or an organisation's), oldest first. */
  List<Redemption> redemptionsOf(ParticipantId wallet);

  /** The item's stock: declared by the current catalog, reserved and used by redemptions. */
  StockLevel stock(CatalogItemId item);

  /**
   * Loads codes into a pool, leaving out codes the pool had before.
   *
   * @return how many were added
   */
  int loadCodes(String pool, List<String> codes);

  /** How many codes {@code pool} has left. */
  long codesLeft(String pool);

  /**
   * Finishes every redemption whose change a crash interrupted. Never throws for one redemption:
   * those it cannot finish now are reported and tried again next time. {@code engine.recover()}
   * calls it.
   */
  RedemptionRecovery recover();
}
