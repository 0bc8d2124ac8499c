package dev.loyalty.rules.standard;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One monthly sales threshold of {@link Thresholds}.
 *
 * @param amount the month's net sales that reach it; positive; never null
 * @param points its bonus; positive
 */
public record Threshold(BigDecimal amount, long points) {
  public Threshold {
    requireNonNull(amount, "amount");
  }
}
