package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The terms of one item in one catalog version: what it is, what it costs, who may redeem it and
 * when, how many each participant may have, and the declared stock. Immutable: a new version of the
 * catalog brings a new {@code CatalogItem}, and a redemption keeps the one it was made under.
 *
 * @param id          never null
 * @param kind        never null
 * @param points      the price in points; positive
 * @param texts       names and descriptions by locale; never null
 * @param eligibility who may redeem it; never null
 * @param validity    the days it may be redeemed on, in the program's zone; never null
 * @param limits      how many units one participant may redeem, at most one limit per period (every
 *                    limit applies); may be empty; never null
 * @param stock       the declared stock; never null
 */
public record CatalogItem(CatalogItemId id, RewardKind kind, long points, ItemTexts texts, Eligibility eligibility,
    DateSpan validity, List<RedemptionLimit> limits, Stock stock) {

  public CatalogItem {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    if (points <= 0) {
      throw new IllegalArgumentException("price of catalog item " + id + " must be a positive number of points, got "
          + points);
    }
    requireNonNull(texts, "texts");
    requireNonNull(eligibility, "eligibility");
    requireNonNull(validity, "validity");
    limits = List.copyOf(requireNonNull(limits, "limits"));
    Map<LimitPeriod, RedemptionLimit> byPeriod = new EnumMap<>(LimitPeriod.class);
    for (RedemptionLimit limit : limits) {
      RedemptionLimit before = byPeriod.put(limit.period(), limit);
      if (before != null) {
        throw new IllegalArgumentException("catalog item " + id + " has two limits per " + limit.period().jsonName()
            + ": " + before + " and " + limit);
      }
    }
    requireNonNull(stock, "stock");
  }

  /** An item with no restriction, no limit and unlimited stock; for building a catalog in code. */
  public static CatalogItem of(CatalogItemId id, RewardKind kind, long points, ItemTexts texts) {
    return new CatalogItem(id, kind, points, texts, Eligibility.everyone(), DateSpan.always(), List.of(),
        Stock.unlimited());
  }
}
