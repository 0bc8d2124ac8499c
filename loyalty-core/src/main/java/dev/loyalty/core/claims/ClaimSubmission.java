package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.PartnerId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * A claim for a sale (sell-out) as its claimant submits it: the partner (and member) who sold, the
 * invoice, its lines and the proof. Who submits it is the {@code Actor} the host passes with it.
 *
 * @param id            the claim's id, chosen by the host; never null
 * @param partner       the partner that sold; never null
 * @param member        the member who sold, if the claim is a rep's; never null
 * @param invoiceNumber the invoice's number as printed; 1-100 characters with at least one letter or
 *                      digit; never null
 * @param invoiceDate   the invoice's date, in the program's time zone; never null
 * @param currency      the invoice's currency; never null
 * @param lines         the lines claimed, one or more, each SKU at most once; never null
 * @param proof         never null
 */
public record ClaimSubmission(ClaimId id, PartnerId partner, Optional<MemberId> member, String invoiceNumber,
    LocalDate invoiceDate, Currency currency, List<InvoiceLine> lines, Proof proof) {

  public ClaimSubmission {
    requireNonNull(id, "id");
    requireNonNull(partner, "partner");
    requireNonNull(member, "member");
    ClaimTexts.requireId(invoiceNumber, "invoice number of claim " + id);
    if (ClaimTexts.key(invoiceNumber).isEmpty()) {
      throw new IllegalArgumentException("invoice number '" + invoiceNumber + "' of claim " + id
          + " has no letters or digits");
    }
    requireNonNull(invoiceDate, "invoiceDate");
    requireNonNull(currency, "currency");
    lines = List.copyOf(requireNonNull(lines, "lines"));
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("claim " + id + " has no lines");
    }
    ClaimTexts.requireDistinctSkus(lines, "claim " + id);
    requireNonNull(proof, "proof");
  }

  /** A claim without a member. */
  public static ClaimSubmission of(String id, String partner, String invoiceNumber, LocalDate invoiceDate,
      Currency currency, List<InvoiceLine> lines, Proof proof) {
    return new ClaimSubmission(ClaimId.of(id), PartnerId.of(partner), Optional.empty(), invoiceNumber, invoiceDate,
        currency, lines, proof);
  }

  /** A copy claimed for {@code newMember}. */
  public ClaimSubmission withMember(MemberId newMember) {
    return new ClaimSubmission(id, partner, Optional.of(newMember), invoiceNumber, invoiceDate, currency, lines, proof);
  }

  /** A copy with {@code newLines}. */
  public ClaimSubmission withLines(List<InvoiceLine> newLines) {
    return new ClaimSubmission(id, partner, member, invoiceNumber, invoiceDate, currency, newLines, proof);
  }

  /** A copy with {@code newProof}. */
  public ClaimSubmission withProof(Proof newProof) {
    return new ClaimSubmission(id, partner, member, invoiceNumber, invoiceDate, currency, lines, newProof);
  }

  /** The invoice total, the sum of the lines' amounts; never null. */
  public Money total() {
    BigDecimal sum = BigDecimal.ZERO;
    for (InvoiceLine line : lines) {
      sum = sum.add(line.amount());
    }
    return Money.of(sum, currency);
  }

  /**
   * The invoice number as invoices are compared: its letters and digits, upper-cased ("inv-0042"
   * and "INV 0042" are both {@code INV0042}).
   */
  public String invoiceKey() {
    return ClaimTexts.key(invoiceNumber);
  }

  /**
   * The invoice's fingerprint: SHA-256 (hex) of its {@linkplain #invoiceKey() key}, date, currency
   * and total. Two claims with the same fingerprint claim the same invoice, whatever partner they
   * name: how a sale claimed by two partners is found.
   */
  public String fingerprint() {
    return ClaimTexts.sha256("invoice", invoiceKey(), invoiceDate.toString(), currency.getCurrencyCode(),
        total().amount().stripTrailingZeros().toPlainString());
  }
}
