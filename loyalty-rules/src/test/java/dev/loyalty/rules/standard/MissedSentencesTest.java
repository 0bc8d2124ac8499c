package dev.loyalty.rules.standard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.Money;
import dev.loyalty.rules.facts.Missed;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The "why not" sentences kept as templates read exactly as the ready-made rules wrote them at once
 * (the expressions below are the rules' consequences as they were), for any amounts, counts and
 * categories; {@code MissedSentencesParityTest} checks the rules that use them on random facts.
 */
class MissedSentencesTest {
  private static final List<Currency> CURRENCIES = List.of(Currency.getInstance("INR"), Currency.getInstance("USD"),
      Currency.getInstance("JPY"));

  /** Amounts of any scale (negative ones too, which the template keeps written), small and huge. */
  @Provide
  Arbitrary<BigDecimal> amounts() {
    Arbitrary<BigDecimal> usual = Combinators.combine(Arbitraries.longs().between(-5_000_000_000L, 5_000_000_000L),
        Arbitraries.integers().between(-4, 5)).as((unscaled, scale) -> BigDecimal.valueOf(unscaled, scale));
    Arbitrary<BigDecimal> huge = Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.TEN.pow(15),
        BigInteger.TEN.pow(25)), Arbitraries.integers().between(-2, 4)).as(BigDecimal::new);
    Arbitrary<BigDecimal> near = Arbitraries.of("0", "0.005", "0.015", "0.004999", "999.995", "9999999999999999.99",
        "99999999999999999.995", "-0.001", "1E+5", "500000", "1000000.00").map(BigDecimal::new);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, usual), net.jqwik.api.Tuple.of(1, huge),
        net.jqwik.api.Tuple.of(2, near));
  }

  @Property(tries = 2_000)
  void theThresholdSentenceReadsAsWrittenAtOnce(@ForAll("amounts") BigDecimal before,
      @ForAll("amounts") BigDecimal total, @ForAll("amounts") BigDecimal bar, @ForAll @LongRange(min = 1,
      max = 1_000_000) long points, @ForAll @IntRange(min = 0, max = 2) int currency) {
    Currency c = CURRENCIES.get(currency);
    Threshold next = new Threshold(bar, points);
    // threshold-bonus.drl's "not reached yet" consequence as it was
    String code = " " + c.getCurrencyCode();
    String atOnce = "Monthly sales are " + Money.formatAmount(before.add(total)) + code + "; "
        + Money.formatAmount(next.amount().subtract(before.add(total))) + code + " more earn the "
        + next.points() + "-point bonus at " + Money.formatAmount(next.amount()) + code + ".";
    Missed missed = MissedSentences.threshold(before.add(total), next, c);
    assertThat(missed.unwritten()).isPresent();
    assertThat(missed.ruleId()).isEqualTo("threshold-bonus");
    assertThat(missed.reason()).isEqualTo(atOnce);
    assertThat(missed).isEqualTo(Missed.of("threshold-bonus", atOnce)).hasSameHashCodeAs(
        Missed.of("threshold-bonus", atOnce)).hasToString(Missed.of("threshold-bonus", atOnce).toString());
  }

  @Property(tries = 1_000)
  void theMixSentenceReadsAsWrittenAtOnce(@ForAll("categories") SortedSet<String> categories,
      @ForAll @LongRange(min = 0, max = 20) long min, @ForAll @LongRange(min = 1, max = 100_000) long points) {
    // mix-bonus.drl's "too few categories" consequence as it was
    String atOnce = "This order has " + Words.count(categories.size(), "product category", "product categories")
        + " (" + String.join(", ", categories) + "); " + min + " in one order earn the " + points
        + "-point mix bonus.";
    Missed missed = MissedSentences.mix(categories, min, points);
    assertThat(missed.ruleId()).isEqualTo("mix-bonus");
    assertThat(missed.unwritten().orElseThrow().text()).isEqualTo(atOnce);
    assertThat(missed.reason()).isEqualTo(atOnce);
  }

  @Provide
  Arbitrary<SortedSet<String>> categories() {
    return Arbitraries.of("cables", "switches", "smart-switches", "lighting", "fans", "wires and cables", "a, b")
        .set().ofMaxSize(5).map(TreeSet::new);
  }

  @Property(tries = 1_000)
  void theStreakSentenceReadsAsWrittenAtOnce(@ForAll @IntRange(min = 0, max = 400) int before,
      @ForAll @LongRange(min = 1, max = 24) long months, @ForAll @LongRange(min = 1, max = 100_000) long points) {
    // consistency-streak.drl's "not yet" consequence as it was
    long next = (before + 1) + (months - (before + 1) % months);
    String atOnce = Words.count(before + 1, "month") + " in a row with orders; the " + points
        + "-point streak bonus comes at " + next + ".";
    Missed missed = MissedSentences.streak(before + 1, points, next);
    assertThat(missed.ruleId()).isEqualTo("consistency-streak");
    assertThat(missed.reason()).isEqualTo(atOnce);
  }

  @Example
  void aReasonGivenAsASentenceIsNotATemplate() {
    Missed missed = Missed.of("r", "Because.");
    assertThat(missed.unwritten()).isEmpty();
    assertThat(missed.reason()).isEqualTo("Because.");
    assertThat(missed).hasToString("Missed[ruleId=r, reason=Because.]");
  }
}
