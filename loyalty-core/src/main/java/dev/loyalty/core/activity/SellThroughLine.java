package dev.loyalty.core.activity;

/**
 * Units of one SKU the partner sold on to its own customers in the reported period.
 *
 * @param sku      never null or blank
 * @param category never null or blank
 * @param quantity not negative (a report may say "none sold")
 */
public record SellThroughLine(String sku, String category, long quantity) {
  public SellThroughLine {
    Texts.require(sku, "sku");
    Texts.require(category, "category of " + sku);
    if (quantity < 0) {
      throw new IllegalArgumentException("sell-through quantity of " + sku + " must not be negative, got "
          + quantity);
    }
  }
}
