package dev.loyalty.core.activity;

import dev.loyalty.core.model.Names;
/**
 * Units of one SKU the partner sold on to its own customers in the reported period.
 *
 * @param sku      never null or blank
 * @param category never null or blank
 * @param quantity not negative (a report may say "none sold")
 */
public record SellThroughLine(String sku, String category, long quantity) {
  public SellThroughLine {
    Names.requireText(sku, "sku", Names.MAX_TEXT);
    Names.requireText(category, "category of " + sku, Names.MAX_TEXT);
    if (quantity < 0) {
      throw new IllegalArgumentException("sell-through quantity of " + sku + " must not be negative, got "
          + quantity);
    }
  }
}
