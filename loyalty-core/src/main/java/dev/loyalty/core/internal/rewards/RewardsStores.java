package dev.loyalty.core.internal.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.spi.CodePoolStore;
import dev.loyalty.core.spi.RedemptionStore;
import dev.loyalty.core.spi.StockStore;

/**
 * The stores an engine's rewards write: those the host named in its {@code RewardsSetup}, the
 * engine's own for the others.
 *
 * @param redemptions never null
 * @param stock       never null
 * @param codes       never null
 */
public record RewardsStores(RedemptionStore redemptions, StockStore stock, CodePoolStore codes) {
  public RewardsStores {
    requireNonNull(redemptions, "redemptions");
    requireNonNull(stock, "stock");
    requireNonNull(codes, "codes");
  }
}
