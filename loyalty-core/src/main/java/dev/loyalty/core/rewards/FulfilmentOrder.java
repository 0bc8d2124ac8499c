package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import java.util.Optional;

/**
 * What the {@link FulfilmentPort} is asked to fulfil.
 *
 * @param redemption the redemption; use it as the idempotency key of any call the port makes; never null
 * @param wallet     who pays (and who gets it: the member, or the organisation); never null
 * @param redeemer   the member who asked; never null
 * @param version    the catalog version of the terms; never null
 * @param terms      the item as redeemed (kind, value, course, cause); never null
 * @param units      positive
 * @param points     what it costs; positive
 * @param provider   for a digital code from a provider, the provider's name; never null
 */
public record FulfilmentOrder(RedemptionId redemption, ParticipantId wallet, MemberId redeemer,
    CatalogVersion version, CatalogItem terms, int units, long points, Optional<String> provider) {
  public FulfilmentOrder {
    requireNonNull(redemption, "redemption");
    requireNonNull(wallet, "wallet");
    requireNonNull(redeemer, "redeemer");
    requireNonNull(version, "version");
    requireNonNull(terms, "terms");
    requireNonNull(provider, "provider");
  }

  /** The order of {@code redemption}. */
  public static FulfilmentOrder of(Redemption redemption) {
    Optional<String> provider = redemption.terms().kind() instanceof RewardKind.DigitalCode code
        && code.source() instanceof CodeSource.Provider p ? Optional.of(p.name()) : Optional.empty();
    return new FulfilmentOrder(redemption.id(), redemption.wallet(), redemption.redeemer(), redemption.version(),
        redemption.terms(), redemption.units(), redemption.points(), provider);
  }
}
