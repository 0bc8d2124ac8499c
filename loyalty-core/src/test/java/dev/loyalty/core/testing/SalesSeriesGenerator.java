package dev.loyalty.core.testing;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.insights.MonthlySeries;
import dev.loyalty.core.simulation.ActivityGenerator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic monthly net sales of channel partners, deterministic for a seed: for the forecasting
 * tests and the backtest report (examples' {@code ForecastBacktest}). Each partner's series is
 * drawn from its own generator, derived from the seed and its index, so that the first partners of
 * a run of 200 are those of a run of 1,000.
 *
 * <p>What a partner's month is made of (the figures are those of an Indian electrical products
 * channel; only their shapes matter):
 * <ul>
 *   <li>a size: 5% {@link Size#LARGE} distributors (2 to 20 million a month), 25% {@link
 *       Size#MEDIUM} dealers (200,000 to 2 million), 70% {@link Size#SMALL} retailers (10,000 to
 *       200,000), log-uniform within each;
 *   <li>a yearly season shared by the channel ({@link #SEASON}: the fiscal year-end push in March,
 *       the monsoon lull in July and August, the festive peak in October and November), at an
 *       amplitude of its own (0.5 to 1.5 times the channel's);
 *   <li>a trend: yearly growth drawn around +8% (standard deviation 12%, limited to -30%..+50%);
 *   <li>for one partner in ten, a lasting step of -35% to +35% at some month (a lost or won
 *       customer);
 *   <li>multiplicative noise, log-normal with a standard deviation of 7% (large), 15% (medium) or
 *       35% (small);
 *   <li>zero months (no order at all) with a chance of 8% for small partners and 2% for medium ones,
 *       and months of net returns (a negative month, 5% to 40% of a month's level) with a chance of
 *       2% and 0.5%;
 *   <li>for one partner in ten, a late start: a new partner with only 3 to 35 months of history.
 * </ul>
 * Amounts are rounded to the paisa, half-even. Immutable and thread-safe.
 */
public final class SalesSeriesGenerator {
  /** The channel's yearly season, January first, as factors around 1: the activity generator's. */
  public static final List<Double> SEASON = ActivityGenerator.SEASON;
  /** The regions partners are spread over, evenly. */
  public static final List<String> REGIONS = List.of("north", "south", "east", "west", "central");
  private static final Currency INR = Currency.getInstance("INR");

  private final long seed;

  /** A generator whose partners are all determined by {@code seed}. */
  public SalesSeriesGenerator(long seed) {
    this.seed = seed;
  }

  /** A partner's size class. */
  public enum Size {
    /** A distributor: 2 to 20 million a month, low noise. */
    LARGE(2_000_000, 20_000_000, 0.07, 0, 0),
    /** A dealer: 200,000 to 2 million a month. */
    MEDIUM(200_000, 2_000_000, 0.15, 0.02, 0.005),
    /** A retailer: 10,000 to 200,000 a month, noisy, some months without orders or with net returns. */
    SMALL(10_000, 200_000, 0.35, 0.08, 0.02);

    final double low;
    final double high;
    final double noise;
    final double zeroChance;
    final double returnsChance;

    Size(double low, double high, double noise, double zeroChance, double returnsChance) {
      this.low = low;
      this.high = high;
      this.noise = noise;
      this.zeroChance = zeroChance;
      this.returnsChance = returnsChance;
    }
  }

  /**
   * One generated partner.
   *
   * @param id     "partner-0042"
   * @param size   its size class
   * @param region one of {@link #REGIONS}
   * @param sales  its monthly net sales in INR, ending at the month asked for
   */
  public record GeneratedPartner(String id, Size size, String region, MonthlySeries sales) {
  }

  /**
   * {@code count} partners whose sales end at {@code through}; all but the new ones (one in ten)
   * have {@code months} months.
   */
  public List<GeneratedPartner> partners(int count, YearMonth through, int months) {
    requireNonNull(through, "through");
    if (months < 36) {
      throw new IllegalArgumentException("generate at least 36 months, got " + months);
    }
    List<GeneratedPartner> partners = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      partners.add(partner(i, through, months));
    }
    return partners;
  }

  /** Partner number {@code index} of this seed. */
  public GeneratedPartner partner(int index, YearMonth through, int months) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    double draw = random.nextDouble();
    Size size = draw < 0.05 ? Size.LARGE : draw < 0.30 ? Size.MEDIUM : Size.SMALL;
    String region = REGIONS.get(random.nextInt(REGIONS.size()));
    int length = random.nextDouble() < 0.1 ? 3 + random.nextInt(33) : months;
    double level = Math.exp(Math.log(size.low) + random.nextDouble() * (Math.log(size.high) - Math.log(size.low)));
    double growth = Math.max(-0.30, Math.min(0.50, 0.08 + 0.12 * random.nextGaussian()));
    double amplitude = 0.5 + random.nextDouble();
    int stepMonth = random.nextDouble() < 0.1 ? random.nextInt(length) : -1;
    double step = 1 + (random.nextDouble() * 0.7 - 0.35);
    YearMonth start = through.minusMonths(length - 1L);
    List<BigDecimal> amounts = new ArrayList<>(length);
    for (int t = 0; t < length; t++) {
      double trend = level * Math.pow(1 + growth, t / 12.0) * (stepMonth >= 0 && t >= stepMonth ? step : 1);
      double season = 1 + amplitude * (SEASON.get(start.plusMonths(t).getMonthValue() - 1) - 1);
      double month = trend * season * Math.exp(size.noise * random.nextGaussian() - size.noise * size.noise / 2);
      double event = random.nextDouble();
      if (event < size.zeroChance) {
        month = 0;
      } else if (event < size.zeroChance + size.returnsChance) {
        month = -trend * (0.05 + 0.35 * random.nextDouble());
      }
      amounts.add(BigDecimal.valueOf(month).setScale(2, RoundingMode.HALF_EVEN));
    }
    return new GeneratedPartner(String.format("partner-%04d", index), size, region,
        MonthlySeries.of(INR, start, amounts));
  }
}
