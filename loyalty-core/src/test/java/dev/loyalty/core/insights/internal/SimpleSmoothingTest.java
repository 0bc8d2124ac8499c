package dev.loyalty.core.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Simple exponential smoothing against values computed by hand. */
class SimpleSmoothingTest {

  @Test
  void run_smoothsTheLevelFromTheFirstObservation() {
    // level 10; t=1: error 10, level 15; t=2: error 0, level 15; squared errors 100
    SimpleSmoothing.Fit fit = SimpleSmoothing.run(new double[] {10, 20, 15}, 0.5);

    assertThat(fit.level()).isCloseTo(15, within(1e-12));
    assertThat(fit.sumOfSquaredErrors()).isCloseTo(100, within(1e-12));
  }

  @Test
  void fit_takesTheAlphaWithTheLeastSquaredError() {
    // the second error is 5 - 10 alpha: least at alpha 0.5
    SimpleSmoothing.Fit fit = SimpleSmoothing.fit(new double[] {10, 20, 15});

    assertThat(fit.alpha()).isEqualTo(0.5);
    assertThat(fit.level()).isCloseTo(15, within(1e-12));
  }

  @Test
  void oneObservation_isTheLevel() {
    assertThat(SimpleSmoothing.fit(new double[] {42}).level()).isEqualTo(42);
  }
}
