package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import java.util.Optional;

/**
 * An item as one participant may redeem it: its terms, in the participant's language, with what it
 * is worth in the participant's currency when it pays out money.
 *
 * @param version the catalog version the terms are from; a redemption records it; never null
 * @param item    the terms; never null
 * @param text    the name and description along the participant's fallback chain; never null
 * @param value   for cashback, co-marketing funds and donations, the value in the partner's currency
 *                rounded by {@link Valuation#ROUNDING}; empty for other kinds; never null
 */
public record Offer(CatalogVersion version, CatalogItem item, LocalizedText text, Optional<Money> value) {
  public Offer {
    requireNonNull(version, "version");
    requireNonNull(item, "item");
    requireNonNull(text, "text");
    requireNonNull(value, "value");
  }

  /** The item's id. */
  public CatalogItemId id() {
    return item.id();
  }

  /** The price in points. */
  public long points() {
    return item.points();
  }

  /** The name in the participant's language (or the nearest one the catalog has). */
  public String name() {
    return text.name();
  }
}
