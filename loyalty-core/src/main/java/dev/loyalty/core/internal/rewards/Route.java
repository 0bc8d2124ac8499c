package dev.loyalty.core.internal.rewards;

import dev.loyalty.core.rewards.CatalogItem;
import dev.loyalty.core.rewards.CodeSource;
import dev.loyalty.core.rewards.RewardKind;
import java.util.Optional;

/**
 * How a redemption of an item is fulfilled, from its kind: goods shipped or collected, codes from
 * a pool the host loaded, or anything else through the host's fulfilment port (a provider's code,
 * a payout, a seat, a donation).
 */
enum Route {
  /** Merchandise that ships: ordered, then shipped (paid), then delivered. */
  SHIP,
  /** Merchandise that is collected: ordered, then handed over (paid). */
  COLLECT,
  /** A digital code from a pool: fulfilled at once (paid). */
  POOL,
  /** Everything else: the fulfilment port answers done (paid), pending (ordered) or refused. */
  PORT;

  /** The route of {@code terms}. */
  static Route of(CatalogItem terms) {
    RewardKind kind = terms.kind();
    if (kind instanceof RewardKind.Merchandise goods) {
      return goods.shipping() ? SHIP : COLLECT;
    }
    return pool(terms).isPresent() ? POOL : PORT;
  }

  /** The code pool of {@code terms}, if its codes come from one. */
  static Optional<String> pool(CatalogItem terms) {
    return terms.kind() instanceof RewardKind.DigitalCode code && code.source() instanceof CodeSource.Pool pool
        ? Optional.of(pool.name()) : Optional.empty();
  }
}
