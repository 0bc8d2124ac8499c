package dev.loyalty.core.rewards;

/**
 * The id of an item in the reward catalog ("SMARTWATCH-X2"). It stays the same across catalog
 * versions: a later version may change the item's terms, never what the id refers to.
 *
 * @param value never null or blank, at most 100 characters, no leading or trailing spaces
 */
public record CatalogItemId(String value) implements Comparable<CatalogItemId> {
  public CatalogItemId {
    RewardNames.requireId(value, "catalog item id");
  }

  /** The id {@code value}. */
  public static CatalogItemId of(String value) {
    return new CatalogItemId(value);
  }

  @Override
  public int compareTo(CatalogItemId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
