package dev.loyalty.core.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/** The value of points in money: exact, then rounded down to the currency's minor unit. */
class ValuationTest {
  private static Money value(long points, String pointValue, String currency) {
    return Valuation.of(points, new BigDecimal(pointValue), Currency.getInstance(currency));
  }

  @Test
  void theRuleIsDown() {
    assertThat(Valuation.ROUNDING).isEqualTo(RoundingMode.DOWN);
  }

  @Test
  void anExactValueIsPaidAsItIs() {
    assertThat(value(5_000, "0.25", "INR")).isEqualTo(Money.of("1250", "INR"));
    // 0.1 has no exact double; the product is exactly 0.3.
    assertThat(value(3, "0.1", "EUR").amount()).isEqualByComparingTo("0.3");
  }

  @Test
  void aFractionOfTheMinorUnitIsNeverPaid() {
    // 333 x 0.003 = 0.999 USD: 0.99, where HALF_EVEN or HALF_UP would pay 1.00.
    assertThat(value(333, "0.003", "USD")).isEqualTo(Money.of("0.99", "USD"));
    // 335 x 0.003 = 1.005 USD: 1.00, where HALF_UP would pay 1.01.
    assertThat(value(335, "0.003", "USD")).isEqualTo(Money.of("1.00", "USD"));
    // Just below a whole cent stays below it.
    assertThat(value(1, "0.0199999", "USD")).isEqualTo(Money.of("0.01", "USD"));
  }

  @Test
  void lessThanOneMinorUnitIsWorthNothing() {
    assertThat(value(3, "0.003", "USD")).isEqualTo(Money.zero(Currency.getInstance("USD")));
  }

  @Test
  void eachCurrencyHasItsOwnMinorUnit() {
    // Yen have no minor unit: 7 x 0.15 = 1.05 JPY pays 1.
    assertThat(value(7, "0.15", "JPY")).isEqualTo(Money.of("1", "JPY"));
    // Bahraini dinars have three decimals: 7 x 0.0015 = 0.0105 BHD pays 0.010.
    assertThat(value(7, "0.0015", "BHD")).isEqualTo(Money.of("0.010", "BHD"));
    // Chilean UF have four: 3 x 0.00005 = 0.00015 CLF pays 0.0001.
    assertThat(value(3, "0.00005", "CLF")).isEqualTo(Money.of("0.0001", "CLF"));
    // Gold has no minor unit at all: the exact value.
    assertThat(value(3, "0.0000001", "XAU").amount()).isEqualByComparingTo("0.0000003");
  }

  @Test
  void theLargestPriceIsValuedExactly() {
    assertThat(value(Long.MAX_VALUE, "0.25", "INR"))
        .isEqualTo(Money.of("2305843009213693951.75", "INR"));
    assertThat(value(Long.MAX_VALUE, "0.003", "USD"))
        .isEqualTo(Money.of("27670116110564327.42", "USD"));
  }
}
