package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;

/** No catalog with the version asked for was ever published. The message names the version. */
public final class UnknownCatalogVersionException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final CatalogVersion version;

  /** Version {@code version} was never published. */
  public UnknownCatalogVersionException(CatalogVersion version) {
    super("no catalog version " + requireNonNull(version, "version") + " was published");
    this.version = version;
  }

  /** The version asked for; never null. */
  public CatalogVersion version() {
    return version;
  }
}
