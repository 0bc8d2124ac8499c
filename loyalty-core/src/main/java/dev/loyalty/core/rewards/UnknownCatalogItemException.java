package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;

/** A catalog version has no item with the id asked for. The message names both. */
public final class UnknownCatalogItemException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final CatalogItemId item;
  private final CatalogVersion version;

  /** Item {@code item} is not in catalog version {@code version}. */
  public UnknownCatalogItemException(CatalogItemId item, CatalogVersion version) {
    super("catalog version " + requireNonNull(version, "version") + " has no item " + requireNonNull(item, "item"));
    this.item = item;
    this.version = version;
  }

  /** The item asked for; never null. */
  public CatalogItemId item() {
    return item;
  }

  /** The version asked; never null. */
  public CatalogVersion version() {
    return version;
  }
}
