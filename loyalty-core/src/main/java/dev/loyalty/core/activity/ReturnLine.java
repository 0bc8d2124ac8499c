package dev.loyalty.core.activity;

import dev.loyalty.core.model.Names;
/**
 * Units of one invoice line that came back.
 *
 * @param sku      the SKU as on the invoice; never null or blank
 * @param quantity positive, at most what the invoice sold less earlier returns
 */
public record ReturnLine(String sku, long quantity) {
  public ReturnLine {
    Names.requireText(sku, "sku", Names.MAX_TEXT);
    if (quantity <= 0) {
      throw new IllegalArgumentException("returned quantity of " + sku + " must be positive, got " + quantity);
    }
  }
}
