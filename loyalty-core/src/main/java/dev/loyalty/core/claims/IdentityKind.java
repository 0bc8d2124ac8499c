package dev.loyalty.core.claims;

import java.util.Locale;

/**
 * A kind of identifying detail a host may pass for a partner or member, so that the same person
 * or business behind several participants can be found. Each is normalised before it is hashed, so
 * that formatting does not hide a duplicate.
 */
public enum IdentityKind {
  /** A tax id (GSTIN, VAT number, EIN): letters and digits, upper-cased. */
  TAX_ID,
  /** A phone number: its digits only, so "+91 98100 12345" and "919810012345" are one number. */
  PHONE,
  /** A bank account (IBAN, account and branch code together): letters and digits, upper-cased. */
  BANK_ACCOUNT;

  /** {@code value} as it is compared. */
  public String normalize(String value) {
    StringBuilder kept = new StringBuilder(value.length());
    value.codePoints().filter(this == PHONE ? Character::isDigit : Character::isLetterOrDigit)
        .forEach(kept::appendCodePoint);
    return kept.toString().toUpperCase(Locale.ROOT);
  }

  /** The lower-case name with dashes ("bank-account"), as explanations show it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
