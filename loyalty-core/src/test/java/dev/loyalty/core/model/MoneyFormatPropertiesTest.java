package dev.loyalty.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Money#formatAmount} writes what the {@code "#,##0.##"} DecimalFormat it replaced on the
 * common path wrote (thousands grouped, at most two decimals rounded half-even), for every amount:
 * small and huge, negative, with many decimals; and {@link Money#formatCents} writes the same for
 * amounts kept as whole hundredths.
 */
class MoneyFormatPropertiesTest {
  private static String reference(BigDecimal amount) {
    return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
  }

  @Provide
  Arbitrary<BigDecimal> amounts() {
    Arbitrary<Long> unscaled = Arbitraries.oneOf(Arbitraries.longs().between(-1_000, 1_000),
        Arbitraries.longs().between(-100_000_000L, 100_000_000L), Arbitraries.longs());
    return net.jqwik.api.Combinators.combine(unscaled, Arbitraries.integers().between(-3, 6))
        .as((u, scale) -> BigDecimal.valueOf(u, scale));
  }

  @Property(tries = 2_000)
  void writesWhatTheDecimalFormatWrote(@ForAll("amounts") BigDecimal amount) {
    assertThat(Money.formatAmount(amount)).isEqualTo(reference(amount));
  }

  @Property(tries = 3_000)
  void hundredthsAreWrittenAsTheDecimalFormatWroteTheAmount(
      @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = Long.MAX_VALUE) long cents) {
    assertThat(Money.formatCents(cents)).isEqualTo(reference(BigDecimal.valueOf(cents, 2)));
  }

  @Example
  void negativeHundredthsAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Money.formatCents(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Example
  void examples() {
    assertThat(Money.formatAmount(new BigDecimal("500000.5"))).isEqualTo("500,000.5");
    assertThat(Money.formatAmount(new BigDecimal("1234567.005"))).isEqualTo("1,234,567");
    assertThat(Money.formatAmount(new BigDecimal("1234567.015"))).isEqualTo("1,234,567.02");
    assertThat(Money.formatAmount(new BigDecimal("0.05"))).isEqualTo("0.05");
    assertThat(Money.formatAmount(new BigDecimal("-0.001"))).isEqualTo(reference(new BigDecimal("-0.001")));
    assertThat(Money.formatAmount(new BigDecimal("999.995"))).isEqualTo("1,000");
    assertThat(Money.formatAmount(new BigDecimal("1E+20"))).isEqualTo("100,000,000,000,000,000,000");
  }
}
