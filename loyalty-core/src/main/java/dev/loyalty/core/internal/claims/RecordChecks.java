package dev.loyalty.core.internal.claims;

import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.Proof;
import dev.loyalty.core.claims.RecordCheck;
import dev.loyalty.core.model.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a claim against the manufacturer's record of its invoice: the date, the currency, each
 * claimed line (the SKU is on the invoice, with the same quantity and amount; a claim may leave
 * lines of the invoice out) and each serial number (on the invoice, when the record lists serials).
 * Stateless and thread-safe.
 */
final class RecordChecks {

  private RecordChecks() {
  }

  /** What {@code record} (empty: none found) says about {@code claim}. */
  static RecordCheck check(ClaimSubmission claim, Optional<InvoiceRecord> record) {
    if (record.isEmpty()) {
      return RecordCheck.NOT_FOUND;
    }
    InvoiceRecord r = record.get();
    List<String> differences = new ArrayList<>();
    if (!claim.invoiceDate().equals(r.date())) {
      differences.add("Date: claimed " + claim.invoiceDate() + ", the record has " + r.date() + ".");
    }
    if (!claim.currency().equals(r.currency())) {
      differences.add("Currency: claimed " + claim.currency() + ", the record has " + r.currency() + ".");
    }
    Map<String, InvoiceLine> onRecord = new HashMap<>();
    r.lines().forEach(l -> onRecord.put(l.sku(), l));
    BigDecimal claimedOnRecord = BigDecimal.ZERO;
    BigDecimal recordedOfClaimed = BigDecimal.ZERO;
    for (InvoiceLine claimed : claim.lines()) {
      InvoiceLine recorded = onRecord.get(claimed.sku());
      if (recorded == null) {
        differences.add("SKU " + claimed.sku() + " is not on the invoice.");
        continue;
      }
      claimedOnRecord = claimedOnRecord.add(claimed.amount());
      recordedOfClaimed = recordedOfClaimed.add(recorded.amount());
      if (claimed.quantity() != recorded.quantity()) {
        differences.add("SKU " + claimed.sku() + ": claimed " + claimed.quantity() + " units, the record has "
            + recorded.quantity() + ".");
      }
      if (claimed.amount().compareTo(recorded.amount()) != 0) {
        differences.add("SKU " + claimed.sku() + ": claimed " + Money.formatAmount(claimed.amount())
            + ", the record has " + Money.formatAmount(recorded.amount()) + ".");
      }
    }
    if (!r.serialNumbers().isEmpty()) {
      Set<String> recordedSerials = new HashSet<>();
      r.serialNumbers().forEach(s -> recordedSerials.add(Proof.serialKey(s)));
      for (String serial : claim.proof().serialNumbers()) {
        if (!recordedSerials.contains(Proof.serialKey(serial))) {
          differences.add("Serial " + serial + " is not on the invoice.");
        }
      }
    }
    return differences.isEmpty() ? RecordCheck.MATCHED
        : RecordCheck.mismatch(differences, claimedOnRecord, recordedOfClaimed);
  }
}
