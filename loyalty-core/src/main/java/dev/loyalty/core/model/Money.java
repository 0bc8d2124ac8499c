package dev.loyalty.core.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * An exact amount of one currency. Arithmetic refuses to mix currencies and names both sides.
 * Equality ignores trailing zeros ({@code 10.0 INR} equals {@code 10 INR}).
 *
 * @param amount   never null
 * @param currency never null
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {
  // DecimalFormat is not thread-safe, and making one per sentence was 7% of a rule evaluation
  private static final ThreadLocal<DecimalFormat> FORMAT = ThreadLocal.withInitial(
      () -> new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)));

  public Money {
    requireNonNull(amount, "amount");
    requireNonNull(currency, "currency");
    amount = amount.stripTrailingZeros();
    if (amount.scale() < 0) {
      amount = amount.setScale(0, RoundingMode.UNNECESSARY);
    }
  }

  /** {@code amount} of the currency with ISO code {@code currencyCode}. */
  public static Money of(String amount, String currencyCode) {
    return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
  }

  /** {@code amount} of {@code currency}. */
  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  /** Zero of {@code currency}. */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /** The sum; the currencies must match. */
  public Money plus(Money other) {
    requireSameCurrency(other, "add");
    return new Money(amount.add(other.amount), currency);
  }

  /** The difference; the currencies must match. */
  public Money minus(Money other) {
    requireSameCurrency(other, "subtract");
    return new Money(amount.subtract(other.amount), currency);
  }

  /** This amount times {@code factor}, exactly. */
  public Money times(BigDecimal factor) {
    return new Money(amount.multiply(factor), currency);
  }

  /** Whether the amount is below zero. */
  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /** Whether the amount is zero. */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other, "compare");
    return amount.compareTo(other.amount);
  }

  private void requireSameCurrency(Money other, String operation) {
    requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("Currency mismatch: cannot " + operation + " " + this + " and " + other);
    }
  }

  /**
   * For sentences a partner reads: thousands grouped, at most two decimals ("500,000.5 INR");
   * never null.
   */
  public String formatted() {
    return formatAmount(amount) + " " + currency.getCurrencyCode();
  }

  /** {@code amount} as {@link #formatted()} writes it, without a currency ("500,000.5"); never null. */
  public static String formatAmount(BigDecimal amount) {
    BigDecimal cents = requireNonNull(amount, "amount").setScale(2, RoundingMode.HALF_EVEN);
    if (amount.signum() < 0 || cents.precision() > 18) {
      return FORMAT.get().format(amount); // DecimalFormat's own way with signs and huge amounts
    }
    // the same text as the DecimalFormat, written directly: the sentences of every award format
    // amounts, and DecimalFormat was 5% of a rule evaluation
    return formatCents(cents.unscaledValue().longValueExact());
  }

  /**
   * An amount of {@code cents} hundredths (not negative) as {@link #formatAmount} writes it:
   * thousands grouped by commas, then the hundredths without trailing zeros, if any ("500,000",
   * "1,234.5", "0.05"). For text built from amounts kept as whole hundredths.
   *
   * @throws IllegalArgumentException if {@code cents} is negative
   */
  public static String formatCents(long cents) {
    if (cents < 0) {
      throw new IllegalArgumentException("cents must not be negative, got " + cents);
    }
    String whole = Long.toString(cents / 100);
    StringBuilder text = new StringBuilder(whole.length() + whole.length() / 3 + 3);
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        text.append(',');
      }
      text.append(whole.charAt(i));
    }
    int fraction = (int) (cents % 100);
    if (fraction != 0) {
      text.append('.').append(fraction / 10);
      if (fraction % 10 != 0) {
        text.append(fraction % 10);
      }
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
