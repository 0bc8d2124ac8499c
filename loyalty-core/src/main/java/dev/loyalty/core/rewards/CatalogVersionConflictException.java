package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;

/**
 * A catalog was published under a version that an earlier, different catalog already has. A
 * version's terms never change (redemptions made under it keep them), so the publication is
 * refused and nothing changes: give the new catalog a new version.
 */
public final class CatalogVersionConflictException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final CatalogVersion version;

  /** A catalog other than the one already published as {@code version} was published as it. */
  public CatalogVersionConflictException(CatalogVersion version) {
    super("catalog version " + requireNonNull(version, "version")
        + " was already published with other content; a version's terms never change, so give this catalog a new version");
    this.version = version;
  }

  /** The version both catalogs claim; never null. */
  public CatalogVersion version() {
    return version;
  }
}
