package dev.loyalty.core.claims;

import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * A kind of identifying detail a host may pass for a partner or member, so that the same person
 * or business behind several participants can be found, and a participant whose contact or payout
 * details changed just before it spent its points can be noticed. Each is normalised before it is
 * hashed, so that formatting does not hide a duplicate.
 *
 * <p>Two groups matter to the risk signals. <em>Contact</em> details ({@link #PHONE}, {@link
 * #EMAIL}, {@link #DELIVERY_ADDRESS}) are how the participant is reached or delivered to: shared
 * honestly more often (an accountant who answers for several dealers, one office for two
 * businesses), so weaker evidence when shared. Details that <em>redirect</em> (every kind but
 * {@link #TAX_ID}) decide where one-time codes, notices, rewards or payouts go: changing one is what
 * someone who took over a login does first, so that the goods reach them and the owner hears nothing.
 */
public enum IdentityKind {
  /** A tax id (GSTIN, VAT number, EIN): letters and digits, upper-cased. */
  TAX_ID,
  /** A phone number: its digits only, so "+91 98100 12345" and "919810012345" are one number. */
  PHONE,
  /** A bank account (IBAN, account and branch code together): letters and digits, upper-cased. */
  BANK_ACCOUNT,
  /** An e-mail address: without white space, upper-cased ("Ana@Dealer.in " is "ANA@DEALER.IN"). */
  EMAIL,
  /**
   * An address rewards are delivered to: letters and digits, upper-cased, so punctuation and
   * spacing do not tell "12, M.G. Road" from "12 MG ROAD".
   */
  DELIVERY_ADDRESS;

  /** {@code value} as it is compared. */
  public String normalize(String value) {
    IntPredicate kept = switch (this) {
      case PHONE -> Character::isDigit;
      case EMAIL -> c -> !Character.isWhitespace(c);
      case TAX_ID, BANK_ACCOUNT, DELIVERY_ADDRESS -> Character::isLetterOrDigit;
    };
    StringBuilder normalized = new StringBuilder(value.length());
    value.codePoints().filter(kept).forEach(normalized::appendCodePoint);
    return normalized.toString().toUpperCase(Locale.ROOT);
  }

  /** The lower-case name with dashes ("bank-account"), as explanations show it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether it is a contact detail: a phone, e-mail or delivery address. */
  public boolean isContact() {
    return this == PHONE || this == EMAIL || this == DELIVERY_ADDRESS;
  }

  /**
   * Whether changing it can redirect the participant's codes, notices, rewards or payouts: every
   * kind but a tax id.
   */
  public boolean redirects() {
    return this != TAX_ID;
  }
}
