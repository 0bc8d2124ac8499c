package dev.loyalty.core.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Holt-Winters against values computed by hand, with a season of 4 so that the arithmetic fits in
 * a comment: initialisation, one smoothing step, the damped forecast, and the grid search.
 */
class HoltWintersTest {
  private static final Offset<Double> EXACT = within(1e-12);
  /** Two seasons of 4: means 25 and 29, so a trend of 1 a period. */
  private static final double[] Y = {10, 20, 30, 40, 14, 24, 34, 44};

  @Test
  void initialState_fromTheFirstTwoSeasons() {
    HoltWinters.State s = HoltWinters.initialState(Y, 4);

    // b = (29 - 25) / 4 = 1; l = 25 - 1 * (4 + 1) / 2 = 22.5; the trend line l + (t + 1) b is
    // 23.5, 24.5, 25.5, 26.5, 27.5, ...; s(0) = ((10 - 23.5) + (14 - 27.5)) / 2 = -13.5, etc.
    assertThat(s.level()).isCloseTo(22.5, EXACT);
    assertThat(s.trend()).isCloseTo(1, EXACT);
    assertThat(s.season(0)).isCloseTo(-13.5, EXACT);
    assertThat(s.season(1)).isCloseTo(-4.5, EXACT);
    assertThat(s.season(2)).isCloseTo(4.5, EXACT);
    assertThat(s.season(3)).isCloseTo(13.5, EXACT);
  }

  @Test
  void oneSmoothingStep() {
    HoltWinters.State s = HoltWinters.initialState(Y, 4);
    HoltWinters.Parameters p = new HoltWinters.Parameters(0.5, 0.1, 0.2, 0.9);

    double error = HoltWinters.step(s, p, 0, 12);

    // forecast 22.5 + 0.9 * 1 - 13.5 = 9.9, error 2.1;
    // level  0.5 (12 + 13.5) + 0.5 (22.5 + 0.9)    = 24.45
    // trend  0.1 (24.45 - 22.5) + 0.9 * 0.9         = 1.005
    // season 0.2 (12 - 22.5 - 0.9) + 0.8 (-13.5)    = -13.08
    assertThat(error).isCloseTo(2.1, EXACT);
    assertThat(s.level()).isCloseTo(24.45, EXACT);
    assertThat(s.trend()).isCloseTo(1.005, EXACT);
    assertThat(s.season(0)).isCloseTo(-13.08, EXACT);
    assertThat(s.season(1)).as("other positions untouched").isCloseTo(-4.5, EXACT);
  }

  @Test
  void forecast_dampsTheTrendAndTakesTheSeasonOfItsPosition() {
    HoltWinters.State s = new HoltWinters.State(100, 2, new double[] {-1, 1, -3, 3});
    HoltWinters.Fit fit = new HoltWinters.Fit(new HoltWinters.Parameters(0.5, 0.5, 0.5, 0.5), s, 8, 0);

    double[] f = HoltWinters.forecast(fit, 5);

    // after 8 observations (positions 0..3 twice) the next is position 0;
    // h=1: 100 + 0.5*2 - 1 = 100; h=2: 100 + 0.75*2 + 1 = 102.5; h=3: 100 + 0.875*2 - 3 = 98.75;
    // h=4: 100 + 0.9375*2 + 3 = 104.875; h=5: 100 + 0.96875*2 - 1 = 100.9375
    assertThat(f).containsExactly(new double[] {100, 102.5, 98.75, 104.875, 100.9375}, EXACT);
  }

  @Test
  void aLinearTrendPlusSeason_isFollowedExactlyWithoutDamping() {
    HoltWinters.Fit fit = HoltWinters.run(Y, 4, new HoltWinters.Parameters(0.3, 0.1, 0.1, 1.0));

    assertThat(fit.sumOfSquaredErrors()).isCloseTo(0, EXACT);
    assertThat(HoltWinters.forecast(fit, 4)).containsExactly(new double[] {18, 28, 38, 48}, within(1e-9));
  }

  @Test
  void fit_takesTheGridPointWithTheLeastSquaredError() {
    SplittableRandom random = new SplittableRandom(7);
    double[] y = new double[36];
    for (int t = 0; t < y.length; t++) {
      y[t] = 100 + t + 20 * Math.sin(t * Math.PI / 6) + 10 * random.nextGaussian();
    }

    HoltWinters.Fit fit = HoltWinters.fit(y, 12);

    double least = Double.POSITIVE_INFINITY;
    for (double alpha : HoltWinters.ALPHAS) {
      for (double beta : HoltWinters.BETAS) {
        for (double gamma : HoltWinters.GAMMAS) {
          for (double phi : HoltWinters.PHIS) {
            if (gamma <= 1 - alpha + 1e-12) {
              least = Math.min(least, HoltWinters.run(y, 12, new HoltWinters.Parameters(alpha, beta, gamma, phi))
                  .sumOfSquaredErrors());
            }
          }
        }
      }
    }
    assertThat(fit.sumOfSquaredErrors()).isEqualTo(least);
    assertThat(fit.parameters().gamma()).isLessThanOrEqualTo(1 - fit.parameters().alpha() + 1e-12);
  }

  @Test
  void theInlinedErrorOfTheGridSearch_equalsTheStepByStepError() {
    SplittableRandom random = new SplittableRandom(11);
    double[] y = random.doubles(30, -1, 1).toArray();
    HoltWinters.State initial = HoltWinters.initialState(y, 12);
    HoltWinters.Parameters p = new HoltWinters.Parameters(0.3, 0.05, 0.2, 0.85);

    assertThat(HoltWinters.sumOfSquaredErrors(y, initial, 0.3, 0.05, 0.2, 0.85, new double[12],
        Double.POSITIVE_INFINITY)).isEqualTo(HoltWinters.run(y, 12, p).sumOfSquaredErrors());
  }

  @Test
  void fewerThanTwoSeasons_areRefused() {
    assertThatThrownBy(() -> HoltWinters.initialState(new double[7], 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two seasons of 4 observations, got 7");
  }
}
