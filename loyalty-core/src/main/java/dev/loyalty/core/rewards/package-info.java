/**
 * Rewards: the catalog partners and members redeem their points from. A {@link
 * dev.loyalty.core.rewards.Catalog} holds items of many kinds (merchandise, e-vouchers and gift
 * cards, cashback, experiences, training seats, early access, co-marketing funds, priority support,
 * donations), each priced in points, localized by locale with a fallback chain, and restricted by
 * region, country, partner type, member role, tier, validity dates, per-participant limits and
 * declared stock. {@link dev.loyalty.core.rewards.Catalog#visibleTo} says what one participant may
 * redeem, in its locale and currency; {@link dev.loyalty.core.rewards.Catalog#visibility} says why
 * an item is not among them. {@link dev.loyalty.core.rewards.CatalogLoader} reads a catalog from
 * JSON, refusing an invalid one with every problem by JSON path, and
 * {@link dev.loyalty.core.rewards.CatalogVersions} keeps every version so that a redemption keeps
 * the terms it was made under. Everything here is immutable or thread-safe, and nothing accepts or
 * returns null. See docs/REWARDS.md.
 */
package dev.loyalty.core.rewards;
