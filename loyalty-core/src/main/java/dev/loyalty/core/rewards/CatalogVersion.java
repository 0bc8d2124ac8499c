package dev.loyalty.core.rewards;

/**
 * The version of a catalog: the label a redemption records so that it keeps the terms it was made
 * under. Given in the catalog's JSON ({@code "version": "2026-07"}) or, when left out, derived from
 * the document's content ({@code "sha256-3f9a0c1b2d4e5f60"}), so that loading an unchanged file
 * again gives the same version.
 *
 * @param value never null or blank, at most 100 characters, no leading or trailing spaces
 */
public record CatalogVersion(String value) implements Comparable<CatalogVersion> {
  public CatalogVersion {
    RewardNames.requireId(value, "catalog version");
  }

  /** The version {@code value}. */
  public static CatalogVersion of(String value) {
    return new CatalogVersion(value);
  }

  @Override
  public int compareTo(CatalogVersion other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
