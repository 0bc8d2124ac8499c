package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.model.PartnerId;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * The manufacturer's record of an invoice, what a claim is checked against: who it belongs to, its
 * date, lines and the serial numbers of the units on it (if the host knows them).
 *
 * @param partner       the partner the invoice belongs to; never null
 * @param invoiceNumber as printed; never null
 * @param date          never null
 * @param currency      never null
 * @param lines         one or more, each SKU at most once; never null
 * @param serialNumbers the units' serial numbers; empty if unknown; never null
 */
public record InvoiceRecord(PartnerId partner, String invoiceNumber, LocalDate date, Currency currency,
    List<InvoiceLine> lines, Set<String> serialNumbers) {

  public InvoiceRecord {
    requireNonNull(partner, "partner");
    ClaimTexts.requireId(invoiceNumber, "invoice number");
    requireNonNull(date, "date");
    requireNonNull(currency, "currency");
    lines = List.copyOf(requireNonNull(lines, "lines"));
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("invoice record " + invoiceNumber + " has no lines");
    }
    ClaimTexts.requireDistinctSkus(lines, "invoice record " + invoiceNumber);
    serialNumbers = Set.copyOf(requireNonNull(serialNumbers, "serialNumbers"));
  }

  /** The key it is found by: its number's letters and digits, upper-cased. */
  public String invoiceKey() {
    return ClaimTexts.key(invoiceNumber);
  }
}
