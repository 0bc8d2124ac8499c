package dev.loyalty.core.rewards;

import static dev.loyalty.core.internal.Settings.once;
import static java.util.Objects.requireNonNull;

import dev.loyalty.core.spi.CodePoolStore;
import dev.loyalty.core.spi.RedemptionStore;
import dev.loyalty.core.spi.StockStore;

/**
 * How an engine redeems: the catalog, where redemptions, stock and codes are kept, the host's
 * fulfilment and who may redeem from an organisation's wallet. Give it to {@code
 * LoyaltyEngine.Builder.rewards}. Immutable.
 */
public final class RewardsSetup {
  private final CatalogVersions catalogs;
  private final RedemptionStore redemptions;
  private final StockStore stock;
  private final CodePoolStore codes;
  private final FulfilmentPort fulfilment;
  private final RedemptionPermission organisationWallet;

  private RewardsSetup(Builder b) {
    this.catalogs = b.catalogs;
    this.redemptions = b.redemptions != null ? b.redemptions : RedemptionStore.inMemory();
    this.stock = b.stock != null ? b.stock : StockStore.inMemory();
    this.codes = b.codes != null ? b.codes : CodePoolStore.inMemory();
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

  /** Where redemptions are kept; never null. */
  public RedemptionStore redemptions() {
    return redemptions;
  }

  /** Where stock is counted; never null. */
  public StockStore stock() {
    return stock;
  }

  /** Where code pools are kept; never null. */
  public CodePoolStore codes() {
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
   * Defaults: in-memory redemption, stock and code-pool stores, {@link FulfilmentPort#manual()}
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

    /** Where redemptions are kept. */
    public Builder redemptions(RedemptionStore value) {
      redemptions = once(redemptions, value, "redemptions");
      return this;
    }

    /** Where stock is counted. */
    public Builder stock(StockStore value) {
      stock = once(stock, value, "stock");
      return this;
    }

    /** Where code pools are kept. */
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
