package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;

/**
 * What a participant asks to redeem: {@code units} of catalog item {@code item}, paid from
 * {@code wallet}, asked by member {@code redeemer}. A member redeems from its own wallet; a member
 * with the permission to do so ({@link RedemptionPermission}) redeems from its organisation's.
 * Two requests are the same request when they are equal; the {@code id} is the idempotency key.
 *
 * @param id       never null
 * @param wallet   whose points pay: the redeemer itself, or the partner it works for; never null
 * @param redeemer the member asking; never null
 * @param item     never null
 * @param units    1 to {@link #MAX_UNITS}
 */
public record RedemptionRequest(RedemptionId id, ParticipantId wallet, MemberId redeemer, CatalogItemId item,
    int units) {

  /** The most units one redemption may ask for. */
  public static final int MAX_UNITS = 1_000;

  public RedemptionRequest {
    requireNonNull(id, "id");
    requireNonNull(wallet, "wallet");
    requireNonNull(redeemer, "redeemer");
    requireNonNull(item, "item");
    if (units < 1 || units > MAX_UNITS) {
      throw new IllegalArgumentException("redemption " + id + " must ask for 1 to " + MAX_UNITS + " units, got "
          + units);
    }
    if (wallet instanceof MemberId member && !member.equals(redeemer)) {
      throw new IllegalArgumentException("redemption " + id + ": member " + redeemer
          + " cannot redeem from the wallet of member " + member + "; a member redeems from its own wallet or its"
          + " organisation's");
    }
  }

  /** One unit of {@code item}, paid by {@code member} from its own wallet. */
  public static RedemptionRequest byMember(RedemptionId id, MemberId member, CatalogItemId item) {
    return new RedemptionRequest(id, member, member, item, 1);
  }

  /** One unit of {@code item}, paid from organisation {@code partner}'s wallet, asked by its member {@code redeemer}. */
  public static RedemptionRequest fromOrganisation(RedemptionId id, PartnerId partner, MemberId redeemer,
      CatalogItemId item) {
    return new RedemptionRequest(id, partner, redeemer, item, 1);
  }

  /** A copy asking for {@code n} units. */
  public RedemptionRequest withUnits(int n) {
    return new RedemptionRequest(id, wallet, redeemer, item, n);
  }

  /** Whether it is paid from an organisation's wallet rather than the redeemer's own. */
  public boolean fromOrganisationWallet() {
    return wallet instanceof PartnerId;
  }
}
