package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A claim checked against the manufacturer's records.
 *
 * @param match       never null
 * @param differences for {@link InvoiceMatch#MISMATCH}: one sentence per difference ("SKU CAB-25:
 *                    claimed 12 units, the record has 10."); empty otherwise; never null
 */
public record RecordCheck(InvoiceMatch match, List<String> differences) {
  public RecordCheck {
    requireNonNull(match, "match");
    differences = List.copyOf(requireNonNull(differences, "differences"));
    if (differences.isEmpty() == (match == InvoiceMatch.MISMATCH)) {
      throw new IllegalArgumentException("a record check lists differences exactly when it is a MISMATCH; got "
          + match + " with " + differences);
    }
  }

  /** The records confirm the claim. */
  public static final RecordCheck MATCHED = new RecordCheck(InvoiceMatch.MATCHED, List.of());
  /** The records have no such invoice for the partner. */
  public static final RecordCheck NOT_FOUND = new RecordCheck(InvoiceMatch.NOT_FOUND, List.of());

  /** Whether the records confirm the claim. */
  public boolean matched() {
    return match == InvoiceMatch.MATCHED;
  }

  /** One sentence: what the records say. */
  public String summary() {
    return switch (match) {
      case MATCHED -> "The manufacturer's records confirm the invoice.";
      case NOT_FOUND -> "The manufacturer's records have no such invoice for this partner.";
      case MISMATCH -> "The claim differs from the manufacturer's record: " + String.join(" ", differences);
    };
  }
}
