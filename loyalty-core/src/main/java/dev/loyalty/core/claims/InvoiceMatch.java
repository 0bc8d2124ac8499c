package dev.loyalty.core.claims;

/** What the manufacturer's records say about a claimed invoice. */
public enum InvoiceMatch {
  /** The partner's invoice is on record, and the claim's date, lines and serials agree with it. */
  MATCHED,
  /** The records have no invoice with this number for this partner. */
  NOT_FOUND,
  /** The invoice is on record, but the claim differs from it (see the differences). */
  MISMATCH
}
