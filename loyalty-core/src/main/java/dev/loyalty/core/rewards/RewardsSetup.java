package dev.loyalty.core.rewards;

import static dev.loyalty.core.internal.Settings.once;
import static java.util.Objects.requireNonNull;

import dev.loyalty.core.spi.CodePoolStore;
import dev.loyalty.core.spi.RedemptionStore;
import dev.loyalty.core.spi.StockStore;
import java.util.Optional;

/**
 * How an engine redeems: the catalog, where redemptions, stock and codes are kept, the host's
 * fulfilment and who may redeem from an organisation's wallet. Give it to {@code
 * LoyaltyEngine.Builder.rewards}. A store left out is the engine's own: in memory, or in the
 * engine's PostgreSQL database when it is built with {@code postgres(dataSource)}, where each
 * change of a redemption then commits in one transaction. Naming any of the three stores makes the
 * changes run staged instead (each step committed on its own, idempotent, an interrupted change
 * finished by doing it again or by {@code recover()}), even on PostgreSQL. Immutable.
 */
public final class RewardsSetup {
  private final CatalogVersions catalogs;
  private final Optional<RedemptionStore> redemptions;
  private final Optional<StockStore> stock;
  private final Optional<CodePoolStore> codes;
  private final FulfilmentPort fulfilment;
  private final RedemptionPermission organisationWallet;

  private RewardsSetup(Builder b) {
    this.catalogs = b.catalogs;
    this.redemptions = Optional.ofNullable(b.redemptions);
    this.stock = Optional.ofNullable(b.stock);
    this.codes = Optional.ofNullable(b.codes);
    this.fulfilment = b.fulfilment != null ? b.fulfilment : FulfilmentPort.manual();
    this.organisationWallet = b.organisationWallet != null ? b.organisationWallet : RedemptionPermission.owners();
  }

  /** Redemption from {@code catalogs} with every default (see {@link Builder}). */
  public static RewardsSetup of(CatalogVersions catalogs) {
    return builder(catalogs).build();
  }

  /** Starts a setup redeeming from {@code catalogs}, which must be of the engine's program. */
  public static Builder builder(CatalogVersions catalogs) {
    return new Builder(catalogs);
  }

  /** The catalog and its versions; never null. */
  public CatalogVersions catalogs() {
    return catalogs;
  }

  /** Where redemptions are kept, if the host named a store; empty for the engine's own. Never null. */
  public Optional<RedemptionStore> redemptions() {
    return redemptions;
  }

  /** Where stock is counted, if the host named a store; empty for the engine's own. Never null. */
  public Optional<StockStore> stock() {
    return stock;
  }

  /** Where code pools are kept, if the host named a store; empty for the engine's own. Never null. */
  public Optional<CodePoolStore> codes() {
    return codes;
  }

  /** The host's fulfilment; never null. */
  public FulfilmentPort fulfilment() {
    return fulfilment;
  }

  /** Who may redeem from an organisation's wallet; never null. */
  public RedemptionPermission organisationWallet() {
    return organisationWallet;
  }

  /**
   * Builds a {@link RewardsSetup}. Each setting may be given once; a second call is refused.
   * Defaults: the engine's own redemption, stock and code-pool stores (in memory, or PostgreSQL with
   * {@code postgres(dataSource)}; name one only to keep it elsewhere: the engine then runs a
   * redemption's changes staged, as with stores in different places), {@link FulfilmentPort#manual()}
   * (rewards that are neither goods nor pool codes wait for the host to fulfil them), and {@link
   * RedemptionPermission#owners()}.
   */
  public static final class Builder {
    private final CatalogVersions catalogs;
    private RedemptionStore redemptions;
    private StockStore stock;
    private CodePoolStore codes;
    private FulfilmentPort fulfilment;
    private RedemptionPermission organisationWallet;

    private Builder(CatalogVersions catalogs) {
      this.catalogs = requireNonNull(catalogs, "catalogs");
    }

    /** Where redemptions are kept (naming it makes the rewards run staged). */
    public Builder redemptions(RedemptionStore value) {
      redemptions = once(redemptions, value, "redemptions");
      return this;
    }

    /** Where stock is counted (naming it makes the rewards run staged). */
    public Builder stock(StockStore value) {
      stock = once(stock, value, "stock");
      return this;
    }

    /** Where code pools are kept (naming it makes the rewards run staged). */
    public Builder codes(CodePoolStore value) {
      codes = once(codes, value, "codes");
      return this;
    }

    /** The host's fulfilment of rewards that are neither shipped goods nor pool codes. */
    public Builder fulfilment(FulfilmentPort value) {
      fulfilment = once(fulfilment, value, "fulfilment");
      return this;
    }

    /** Who may redeem from an organisation's wallet. */
    public Builder organisationWallet(RedemptionPermission value) {
      organisationWallet = once(organisationWallet, value, "organisationWallet");
      return this;
    }

    /** The setup. */
    public RewardsSetup build() {
      return new RewardsSetup(this);
    }
  }
}
