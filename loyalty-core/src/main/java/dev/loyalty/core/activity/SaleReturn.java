package dev.loyalty.core.activity;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import java.util.List;

/**
 * Goods of an earlier invoice came back: the points it earned are taken back in proportion to the
 * returned amount, and the sales figures drop by it.
 *
 * @param header  never null; its partner must be the invoice's partner
 * @param invoice the id of the {@link Sale} being returned; never null
 * @param lines   one or more, each SKU at most once; never null
 */
public record SaleReturn(ActivityHeader header, ActivityId invoice, List<ReturnLine> lines) implements Activity {
  public SaleReturn {
    requireNonNull(header, "header");
    requireNonNull(invoice, "invoice");
    lines = List.copyOf(requireNonNull(lines, "lines"));
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("return " + header.id() + " has no lines");
    }
    if (invoice.equals(header.id())) {
      throw new IllegalArgumentException("return " + header.id() + " cannot return itself");
    }
    Skus.requireDistinct(lines, ReturnLine::sku, sku -> "return " + header.id() + " lists SKU " + sku + " twice");
  }

  @Override
  public String kind() {
    return "return";
  }
}
