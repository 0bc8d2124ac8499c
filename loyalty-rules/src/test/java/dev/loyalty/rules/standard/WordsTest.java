package dev.loyalty.rules.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Words#grouped} writes numbers as the period caps' notes wrote them with {@code
 * String.format(Locale.ROOT, "%,d", n)}: a cap's sentence must read word for word as before.
 */
class WordsTest {
  @Property(tries = 3_000)
  void groupsAsTheFormatDid(@ForAll("numbers") long number) {
    assertThat(Words.grouped(number)).isEqualTo(String.format(Locale.ROOT, "%,d", number));
  }

  @Provide
  Arbitrary<Long> numbers() {
    return Arbitraries.oneOf(java.util.List.of(Arbitraries.longs(), Arbitraries.longs().between(-10_000_000, 10_000_000),
        Arbitraries.of(0L, 1L, -1L, 999L, 1_000L, -999L, -1_000L, 999_999L, 1_000_000L, -1_000_000L, 12_345L,
            Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1)));
  }
}
