package dev.loyalty.core.internal.returns;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.UnknownActivityException;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.internal.Completion;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.internal.ReturnPlanner;
import dev.loyalty.core.spi.JournalEntry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The returns capability: plans what a return takes back of its invoice's awards. The invoice
 * must be a recorded sale of the same partner, dated no later than the return; the amount per
 * award is {@link ReturnPlanner}'s. The return's ledger side is {@link ReturnStep}'s. Callers
 * hold the partner's lock. Thread-safe.
 */
public final class Returns {
  private final Journal journal;
  private final Completion completion;

  /** Plans returns of invoices in {@code journal}. */
  public Returns(Journal journal, Completion completion) {
    this.journal = requireNonNull(journal, "journal");
    this.completion = requireNonNull(completion, "completion");
  }

  /** The planned receipt of {@code r}, recorded {@code now}. */
  public Receipt plan(SaleReturn r, Instant now) {
    JournalEntry invoice = invoiceOf(r);
    ReturnPlanner.Outcome outcome = ReturnPlanner.plan(r, invoice, journal.returnsOf(r.invoice()));
    return Receipt.planned(r.id(), Receipt.Status.RETURNED, now, List.of(), outcome.takeBacks(), List.of(), List.of(),
        List.of(), List.of());
  }

  private JournalEntry invoiceOf(SaleReturn r) {
    JournalEntry invoice = journal.find(r.invoice()).orElseThrow(() -> new UnknownActivityException("return "
        + r.id() + " names invoice " + r.invoice() + ", which was not recorded"));
    if (!(invoice.activity() instanceof Sale sale)) {
      throw new InvalidActivityException("return " + r.id() + " names " + r.invoice() + ", which is a "
          + invoice.activity().kind() + ", not an invoice");
    }
    if (!sale.partner().equals(r.partner())) {
      throw new InvalidActivityException("return " + r.id() + " of partner " + r.partner() + " names invoice "
          + r.invoice() + " of partner " + sale.partner());
    }
    if (r.occurredAt().isBefore(sale.occurredAt())) {
      throw new InvalidActivityException("return " + r.id() + " is dated " + r.occurredAt()
          + ", before its invoice " + r.invoice() + " (" + sale.occurredAt() + ")");
    }
    if (!invoice.complete()) {
      // same partner, so this thread holds its lock
      completion.finish(invoice);
      invoice = journal.find(r.invoice()).orElseThrow();
    }
    if (invoice.receipt().status() != Receipt.Status.RECORDED) {
      throw new InvalidActivityException("return " + r.id() + " names invoice " + r.invoice() + ", which is "
          + invoice.receipt().status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + "; only recorded invoices can be returned");
    }
    return invoice;
  }
}
