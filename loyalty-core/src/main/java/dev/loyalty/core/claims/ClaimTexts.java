package dev.loyalty.core.claims;

import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.model.Names;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The shapes of this package's texts and the hashing it shares, checked and done in one place. */
final class ClaimTexts {
  private ClaimTexts() {
  }

  /** {@code value} if it is 1-100 characters, not blank, without leading or trailing spaces. */
  static String requireId(String value, String what) {
    return Names.requireId(value, what);
  }

  /** {@code lines} if no SKU is on two of them; {@code what} names the invoice or claim. */
  static List<InvoiceLine> requireDistinctSkus(List<InvoiceLine> lines, String what) {
    Set<String> skus = new HashSet<>();
    for (InvoiceLine line : lines) {
      if (!skus.add(line.sku())) {
        throw new IllegalArgumentException(what + " lists SKU " + line.sku() + " twice; put the quantities on one line");
      }
    }
    return lines;
  }

  /**
   * The letters and digits of {@code value}, upper-cased: how invoice numbers and serial numbers
   * are compared, so that "inv-0042" and "INV 0042" are the same invoice.
   */
  static String key(String value) {
    StringBuilder key = new StringBuilder(value.length());
    value.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
    return key.toString().toUpperCase(Locale.ROOT);
  }

  /** SHA-256 of the UTF-8 bytes of {@code parts}, each followed by a zero byte, in hex. */
  static String sha256(String... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * {@code actual} over {@code expected} (at least {@code floor}), to 2 decimals rounded down: how
   * far a figure is above what the partner's own history predicts.
   */
  static BigDecimal ratio(BigDecimal actual, BigDecimal expected, BigDecimal floor) {
    BigDecimal base = expected.max(floor);
    if (base.signum() <= 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    return actual.divide(base, 2, RoundingMode.DOWN);
  }
}
