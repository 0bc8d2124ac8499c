package dev.loyalty.core.activity;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An invoice: the partner sold these lines (through the member, if one is named). Its id is the
 * invoice's id in the source system; a {@link SaleReturn} refers to it. Immutable and thread-safe;
 * equal, hashed and written like a record of its three components.
 *
 * <p>A final class rather than a record so that its total and categories are computed once, when
 * it is made: rules read them many times per evaluation (a Drools binding on {@code total.amount}
 * is read again at every use), and summing the lines into a new {@link Money} at every read was
 * about 8% of what a Drools evaluation of the ready-made program allocated (docs/BENCHMARKS.md).
 */
public final class Sale implements Activity {
  private final ActivityHeader header;
  private final Currency currency;
  private final List<InvoiceLine> lines;
  private final Money total;
  private final SortedSet<String> categories;

  /**
   * An invoice.
   *
   * @param header   never null
   * @param currency the invoice currency; never null
   * @param lines    one or more, each SKU at most once; never null (copied)
   * @throws IllegalArgumentException if there are no lines or a SKU is listed twice
   */
  public Sale(ActivityHeader header, Currency currency, List<InvoiceLine> lines) {
    requireNonNull(header, "header");
    requireNonNull(currency, "currency");
    lines = List.copyOf(requireNonNull(lines, "lines"));
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("invoice " + header.id() + " has no lines");
    }
    Skus.requireDistinct(lines, InvoiceLine::sku, sku -> "invoice " + header.id() + " lists SKU " + sku
        + " twice; put the quantities on one line");
    this.header = header;
    this.currency = currency;
    this.lines = lines;
    BigDecimal sum = BigDecimal.ZERO;
    SortedSet<String> names = new TreeSet<>();
    for (InvoiceLine line : lines) {
      sum = sum.add(line.amount());
      names.add(line.category());
    }
    this.total = Money.of(sum, currency);
    this.categories = Collections.unmodifiableSortedSet(names);
  }

  /** Never null. */
  @Override
  public ActivityHeader header() {
    return header;
  }

  /** The invoice currency; never null. */
  public Currency currency() {
    return currency;
  }

  /** One or more lines, each SKU at most once; never null, unmodifiable. */
  public List<InvoiceLine> lines() {
    return lines;
  }

  @Override
  public String kind() {
    return "sale";
  }

  /** The invoice total, the sum of the line amounts; never null. */
  public Money total() {
    return total;
  }

  /** The distinct categories on the invoice, sorted; never null, unmodifiable. */
  public SortedSet<String> categories() {
    return categories;
  }

  /** Equal to a sale of equal header, currency and lines (as a record of the three would be). */
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Sale s && header.equals(s.header) && currency.equals(s.currency)
        && lines.equals(s.lines);
  }

  @Override
  public int hashCode() {
    return (31 * header.hashCode() + currency.hashCode()) * 31 + lines.hashCode();
  }

  /** {@code Sale[header=..., currency=..., lines=[...]]}, as the record it was wrote itself. */
  @Override
  public String toString() {
    return "Sale[header=" + header + ", currency=" + currency + ", lines=" + lines + "]";
  }
}
