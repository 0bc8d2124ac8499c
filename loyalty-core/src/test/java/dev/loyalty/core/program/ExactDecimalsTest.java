package dev.loyalty.core.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever digits a decimal is written with, they are the digits loaded, scale included. */
class ExactDecimalsTest {
  private static final Currency INR = Currency.getInstance("INR");

  @Property
  void aPointValueLoadsExactlyAsAStringAndAsANumber(@ForAll("positiveDecimals") BigDecimal value) {
    String asNumber = value.toString();   // plain or with an exponent, both valid JSON numbers

    Program fromString = ProgramLoader.fromJson(ProgramDocuments.exampleWith(
        d -> d.withObjectProperty("pointValue").put("INR", asNumber)));
    Program fromNumber = ProgramLoader.fromJson(ProgramDocuments.text(ProgramDocuments.VALID)
        .replace("\"INR\": \"0.25\"", "\"INR\": " + asNumber));

    // equals, not compareTo: the scale must survive too.
    assertThat(fromString.pointValue().get(INR)).isEqualTo(value);
    assertThat(fromNumber.pointValue().get(INR)).isEqualTo(value);
  }

  @Provide
  Arbitrary<BigDecimal> positiveDecimals() {
    return Arbitraries.bigIntegers().between(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(40))
        .flatMap(unscaled -> Arbitraries.integers().between(-10, 40)
            .map(scale -> new BigDecimal(unscaled, scale)));
  }
}
