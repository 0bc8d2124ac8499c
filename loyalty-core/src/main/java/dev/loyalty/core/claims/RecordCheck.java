package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * A claim checked against the manufacturer's records.
 *
 * @param match       never null
 * @param differences for {@link InvoiceMatch#MISMATCH}: one sentence per difference ("SKU CAB-25:
 *                    claimed 12 units, the record has 10."); empty otherwise; never null
 * @param amountRatio for an invoice on record: the amount claimed on the lines the record has, divided
 *                    by the record's amount of those lines (1 when they agree; 8 for a claim inflated
 *                    eight times); empty when no record was found or the record's lines are worth
 *                    nothing; never null
 */
public record RecordCheck(InvoiceMatch match, List<String> differences, Optional<BigDecimal> amountRatio) {
  /** Ratios keep 4 significant digits: enough to compare with a threshold such as 1.5. */
  private static final MathContext RATIO = new MathContext(4, RoundingMode.HALF_UP);

  public RecordCheck {
    requireNonNull(match, "match");
    differences = List.copyOf(requireNonNull(differences, "differences"));
    requireNonNull(amountRatio, "amountRatio");
    if (differences.isEmpty() == (match == InvoiceMatch.MISMATCH)) {
      throw new IllegalArgumentException("a record check lists differences exactly when it is a MISMATCH; got "
          + match + " with " + differences);
    }
    if (match == InvoiceMatch.NOT_FOUND && amountRatio.isPresent()) {
      throw new IllegalArgumentException("a record check of an invoice not on record has no amount ratio");
    }
    if (amountRatio.filter(r -> r.signum() < 0).isPresent()) {
      throw new IllegalArgumentException("an amount ratio cannot be negative; got " + amountRatio.get());
    }
  }

  /** The records confirm the claim. */
  public static final RecordCheck MATCHED = new RecordCheck(InvoiceMatch.MATCHED, List.of(),
      Optional.of(BigDecimal.ONE));
  /** The records have no such invoice for the partner. */
  public static final RecordCheck NOT_FOUND = new RecordCheck(InvoiceMatch.NOT_FOUND, List.of(), Optional.empty());

  /**
   * A claim that differs from its record in {@code differences}, claiming {@code claimed} on the lines
   * the record has worth {@code recorded} there.
   */
  public static RecordCheck mismatch(List<String> differences, BigDecimal claimed, BigDecimal recorded) {
    // no negative scale (10, not 1E+1), so a ratio reads back equal from its plain text
    Optional<BigDecimal> ratio = recorded.signum() > 0
        ? Optional.of(plain(claimed.divide(recorded, RATIO).stripTrailingZeros())) : Optional.empty();
    return new RecordCheck(InvoiceMatch.MISMATCH, differences, ratio);
  }

  private static BigDecimal plain(BigDecimal ratio) {
    return ratio.scale() < 0 ? ratio.setScale(0) : ratio;
  }

  /**
   * Whether the claim asks for at least {@code factor} times what the record has for the same lines:
   * an invoice inflated after the sale. False when there is no record to compare with.
   */
  public boolean claimsAtLeast(BigDecimal factor) {
    return amountRatio.filter(r -> r.compareTo(factor) >= 0).isPresent();
  }

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
