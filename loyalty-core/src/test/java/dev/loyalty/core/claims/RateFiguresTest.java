package dev.loyalty.core.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A partner's recent rate against its baseline: the expectation, the ratio and the rarity of a count. */
class RateFiguresTest {

  @Test
  void thePoissonTailIsExactForSmallAndTinyTails() {
    assertThat(RateFigures.poissonTail(0, 2.5)).isEqualTo(1);
    assertThat(RateFigures.poissonTail(1, 1.0)).isCloseTo(1 - Math.exp(-1), within(1e-12));
    assertThat(RateFigures.poissonTail(6, 1.0)).isCloseTo(5.941848175816666e-4, within(1e-15));
    assertThat(RateFigures.poissonTail(40, 2.0)).isCloseTo(1.9172e-37, within(1e-40)); // not lost to 1 - (1 - x)
    assertThat(RateFigures.poissonTail(3, 50.0)).isCloseTo(1, within(1e-15));
  }

  @Test
  void aCountsRarityIsMinusLog10OfItsTail_atTheExpectedRateOrTheFloor() {
    RateFigures busy = RateFigures.ofCounts(7, 6, 12, 84, 1); // expected 1.00
    assertThat(busy.expected()).isEqualByComparingTo("1.00");
    assertThat(busy.ratio()).isEqualByComparingTo("6.00");
    assertThat(busy.rarity()).isEqualByComparingTo("3.22");

    RateFigures quiet = RateFigures.ofCounts(7, 3, 0, 84, 1); // none before: the floor of 1 is expected
    assertThat(quiet.expected()).isEqualByComparingTo("0.00");
    assertThat(quiet.ratio()).isEqualByComparingTo("3.00");
    assertThat(quiet.rarity()).isEqualByComparingTo("1.09");

    assertThat(RateFigures.ofCounts(7, 1_000, 0, 0, 1).rarity()).isEqualByComparingTo("99.99");
  }

  @Test
  void pointsHaveARatioAndNoRarity() {
    RateFigures spent = RateFigures.ofPoints(7, 3_600, 700, 52, 1);
    assertThat(spent.expected()).isEqualByComparingTo("94.23");
    assertThat(spent.ratio()).isEqualByComparingTo("38.20");
    assertThat(spent.rarity()).isEqualByComparingTo("0");
  }
}
