package dev.loyalty.core.activity;

import dev.loyalty.core.model.Names;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One line of an invoice.
 *
 * @param sku       the product code; never null or blank
 * @param category  the product category ("cables", "switchgear"); never null or blank
 * @param quantity  units sold, positive
 * @param unitPrice list price per unit, not negative; never null
 * @param amount    what the line is invoiced at after discounts, not negative; never null
 */
public record InvoiceLine(String sku, String category, long quantity, BigDecimal unitPrice, BigDecimal amount) {
  public InvoiceLine {
    Names.requireText(sku, "sku", Names.MAX_TEXT);
    Names.requireText(category, "category of " + sku, Names.MAX_TEXT);
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity of " + sku + " must be positive, got " + quantity);
    }
    requireNonNull(unitPrice, "unitPrice");
    requireNonNull(amount, "amount");
    if (unitPrice.signum() < 0) {
      throw new IllegalArgumentException("unit price of " + sku + " must not be negative, got " + unitPrice);
    }
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("amount of " + sku + " must not be negative, got " + amount);
    }
    // 1200.00 and 1200 are the same price: an invoice resent with other formatting must compare
    // equal, or the engine would take it for a different invoice under the same id.
    unitPrice = Decimals.normalize(unitPrice);
    amount = Decimals.normalize(amount);
  }

  /** A line invoiced at quantity times unit price. */
  public static InvoiceLine of(String sku, String category, long quantity, String unitPrice) {
    BigDecimal price = new BigDecimal(unitPrice);
    return new InvoiceLine(sku, category, quantity, price, price.multiply(BigDecimal.valueOf(quantity)));
  }
}
