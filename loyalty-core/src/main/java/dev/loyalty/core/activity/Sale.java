package dev.loyalty.core.activity;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An invoice: the partner sold these lines (through the member, if one is named). Its id is the
 * invoice's id in the source system; a {@link SaleReturn} refers to it.
 *
 * @param header   never null
 * @param currency the invoice currency; never null
 * @param lines    one or more, each SKU at most once; never null
 */
public record Sale(ActivityHeader header, Currency currency, List<InvoiceLine> lines) implements Activity {
  public Sale {
    requireNonNull(header, "header");
    requireNonNull(currency, "currency");
    lines = List.copyOf(requireNonNull(lines, "lines"));
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("invoice " + header.id() + " has no lines");
    }
    Skus.requireDistinct(lines, InvoiceLine::sku, sku -> "invoice " + header.id() + " lists SKU " + sku
        + " twice; put the quantities on one line");
  }

  @Override
  public String kind() {
    return "sale";
  }

  /** The invoice total, the sum of the line amounts; never null. */
  public Money total() {
    BigDecimal sum = BigDecimal.ZERO;
    for (InvoiceLine line : lines) {
      sum = sum.add(line.amount());
    }
    return Money.of(sum, currency);
  }

  /** The distinct categories on the invoice, sorted; never null. */
  public SortedSet<String> categories() {
    SortedSet<String> categories = new TreeSet<>();
    lines.forEach(l -> categories.add(l.category()));
    return categories;
  }
}
