package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Whether a participant may redeem one item at one time: the offer, or every reason it may not.
 * Redemption refuses with the reasons of a {@link Hidden} item.
 */
public sealed interface Visibility {

  /** The item's id. */
  CatalogItemId item();

  /**
   * The participant may redeem the item.
   *
   * @param offer never null
   */
  record Visible(Offer offer) implements Visibility {
    public Visible {
      requireNonNull(offer, "offer");
    }

    @Override
    public CatalogItemId item() {
      return offer.id();
    }
  }

  /**
   * The participant may not redeem the item.
   *
   * @param version the catalog version judged; never null
   * @param item    never null
   * @param reasons every reason, in the order of docs/REWARDS.md; never null or empty
   */
  record Hidden(CatalogVersion version, CatalogItemId item, List<HiddenReason> reasons) implements Visibility {
    public Hidden {
      requireNonNull(version, "version");
      requireNonNull(item, "item");
      reasons = List.copyOf(requireNonNull(reasons, "reasons"));
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a hidden item needs a reason");
      }
    }

    /** {@code "SMARTWATCH-X2 is not available: ...; ..."}, every reason's message. */
    public String describe() {
      StringBuilder text = new StringBuilder().append(item).append(" is not available: ");
      for (int i = 0; i < reasons.size(); i++) {
        text.append(i == 0 ? "" : "; ").append(reasons.get(i).message());
      }
      return text.toString();
    }
  }
}
