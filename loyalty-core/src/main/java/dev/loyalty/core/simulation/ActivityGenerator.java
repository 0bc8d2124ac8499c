package dev.loyalty.core.simulation;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.ReportSubmission;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.SellThroughLine;
import dev.loyalty.core.activity.SellThroughReport;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A channel's activity over months, generated deterministically from a seed and handed out in date
 * order, one month at a time (only the current month's activities are in memory, so a year of two
 * million activities streams through a simulation without being held).
 *
 * <p>Each partner's number of activities in a month is drawn (Poisson) around {@code
 * perPartnerYear / 12}, scaled by its {@link Channel#weights() weight} against the channel's mean
 * weight and by the month's {@link #SEASON season}. Of a partner's activities, per thousand:
 * <ul>
 *   <li>840 invoices of {@link InvoiceMix}'s lines (quantities times a partner's scale: 1 for the
 *       smallest, more for the larger); 60% name one of the partner's reps when it has any. One in
 *       300 has a bulk line (per-activity caps, review above an amount), one in 2,000 a line of more
 *       than 1,000 units (a risk block);</li>
 *   <li>40 returns of part of one of the partner's last 8 ordinary invoices (an invoice when it has
 *       none left to return);</li>
 *   <li>30 trainings (one in four "advanced-wiring"), 15 certifications valid two years, 5
 *       referrals of another partner, 45 sell-through reports of the month before (a third sent
 *       after their due day) and 25 stock-count reports (one in five late).</li>
 * </ul>
 * Activities fall on any day of the month between 09:00 and 19:00 in the generator's zone. Ids
 * name the kind, the partner and a count ("INV-dealer-0007-000012", "RET-...", "TRN-", "CRT-",
 * "REF-", "STR-", "RPT-").
 *
 * <p>The same channel, seed and settings give the same activities in the same order on any machine
 * (each partner's month has its own random stream, derived from the seed; the arithmetic is {@link
 * StrictMath}'s). Immutable and thread-safe; every {@link #iterator()} starts again from the first
 * month and may be used on its own thread. Never null.
 */
public final class ActivityGenerator implements Iterable<Activity> {
  /**
   * The channel's yearly season, January first, as factors that average to 1: the fiscal year-end
   * push in March, the monsoon lull in July and August, the festive peak in October and November.
   */
  public static final List<Double> SEASON = normalised(
      new double[] {0.95, 0.95, 1.30, 0.85, 0.95, 0.90, 0.78, 0.82, 1.00, 1.20, 1.25, 1.05});
  /** The product categories of generated invoices ({@link InvoiceMix}); the first is the premium one. */
  public static final List<String> CATEGORIES = List.of("smart-switches", "switchgear", "wires", "lighting", "fans",
      "conduits");
  private static final int RETURNABLE = 8;

  private final Channel channel;
  private final long seed;
  private final YearMonth start;
  private final int months;
  private final ZoneId zone;
  private final int perPartnerYear;

  private ActivityGenerator(Channel channel, long seed, YearMonth start, int months, ZoneId zone, int perPartnerYear) {
    this.channel = channel;
    this.seed = seed;
    this.start = start;
    this.months = months;
    this.zone = zone;
    this.perPartnerYear = perPartnerYear;
  }

  /**
   * Twelve months of {@code channel}'s activity from January 2026, in Asia/Kolkata, about 200
   * activities per partner a year on average.
   */
  public static ActivityGenerator of(Channel channel, long seed) {
    return new ActivityGenerator(requireNonNull(channel, "channel"), seed, YearMonth.of(2026, 1), 12,
        ZoneId.of("Asia/Kolkata"), 200);
  }

  /** A copy that starts in {@code month} and runs for {@code count} months (1 to 600). */
  public ActivityGenerator months(YearMonth month, int count) {
    requireNonNull(month, "month");
    if (count < 1 || count > 600) {
      throw new IllegalArgumentException("months must be 1 to 600, got " + count);
    }
    return new ActivityGenerator(channel, seed, month, count, zone, perPartnerYear);
  }

  /** A copy whose activities fall in working hours of {@code newZone} (a program's zone). */
  public ActivityGenerator zone(ZoneId newZone) {
    return new ActivityGenerator(channel, seed, start, months, requireNonNull(newZone, "zone"), perPartnerYear);
  }

  /** A copy with {@code count} activities per partner a year on average (1 to 100,000). */
  public ActivityGenerator perPartnerYear(int count) {
    if (count < 1 || count > 100_000) {
      throw new IllegalArgumentException("activities per partner a year must be 1 to 100000, got " + count);
    }
    return new ActivityGenerator(channel, seed, start, months, zone, count);
  }

  /** The first month. */
  public YearMonth firstMonth() {
    return start;
  }

  /** The last month. */
  public YearMonth lastMonth() {
    return start.plusMonths(months - 1L);
  }

  /** The channel the activities are for. */
  public Channel channel() {
    return channel;
  }

  @Override
  public Iterator<Activity> iterator() {
    return new Run();
  }

  private static List<Double> normalised(double[] factors) {
    double mean = 0;
    for (double f : factors) {
      mean += f / factors.length;
    }
    List<Double> out = new ArrayList<>();
    for (double f : factors) {
      out.add(f / mean);
    }
    return List.copyOf(out);
  }

  /** One pass over the months; keeps each partner's returnable invoices between months. */
  private final class Run implements Iterator<Activity> {
    private final List<Partner> partners = channel.partners();
    private final Map<PartnerId, List<MemberId>> reps = new HashMap<>();
    private final Map<PartnerId, ArrayDeque<Returnable>> returnable = new HashMap<>();
    private final Map<PartnerId, long[]> counters = new HashMap<>();
    private final double meanWeight;
    private int month;
    private Iterator<Activity> current = List.<Activity>of().iterator();

    Run() {
      for (Member m : channel.members()) {
        reps.computeIfAbsent(m.partner(), p -> new ArrayList<>()).add(m.id());
      }
      double sum = 0;
      for (Partner p : partners) {
        sum += channel.weights().get(p.id());
      }
      meanWeight = partners.isEmpty() ? 1 : sum / partners.size();
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && month < months) {
        current = month(month++).iterator();
      }
      return current.hasNext();
    }

    @Override
    public Activity next() {
      if (!hasNext()) {
        throw new NoSuchElementException("the generated months are over");
      }
      return current.next();
    }

    private List<Activity> month(int index) {
      YearMonth ym = start.plusMonths(index);
      double season = SEASON.get(ym.getMonthValue() - 1);
      List<Timed> timed = new ArrayList<>();
      for (int i = 0; i < partners.size(); i++) {
        Partner partner = partners.get(i);
        int weight = channel.weights().get(partner.id());
        SplittableRandom random = new SplittableRandom(mix(seed, i, index));
        double expected = perPartnerYear / 12.0 * weight / meanWeight * season;
        int count = poisson(expected, random);
        long[] minutes = new long[count];
        for (int n = 0; n < count; n++) {
          minutes[n] = random.nextInt(ym.lengthOfMonth()) * 1440L + 9 * 60 + random.nextInt(10 * 60);
        }
        Arrays.sort(minutes);
        Maker maker = new Maker(partner, i, weight, ym, random);
        for (int n = 0; n < count; n++) {
          Instant at = ym.atDay(1).atStartOfDay(zone).toInstant().plusSeconds(minutes[n] * 60);
          timed.add(new Timed(at, i, n, maker.make(at)));
        }
      }
      timed.sort(Comparator.comparing(Timed::at).thenComparingInt(Timed::partner).thenComparingInt(Timed::seq));
      List<Activity> out = new ArrayList<>(timed.size());
      timed.forEach(t -> out.add(t.activity()));
      return out;
    }

    /** One partner's activities of one month, in time order. */
    private final class Maker {
      private final Partner partner;
      private final int index;
      private final int scale;
      private final YearMonth month;
      private final SplittableRandom random;
      private final List<MemberId> own;

      Maker(Partner partner, int index, int weight, YearMonth month, SplittableRandom random) {
        this.partner = partner;
        this.index = index;
        this.scale = 1 + (int) StrictMath.floor(StrictMath.log10(weight));
        this.month = month;
        this.random = random;
        this.own = reps.getOrDefault(partner.id(), List.of());
      }

      Activity make(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        int roll = random.nextInt(1000);
        if (roll < 840) {
          return sale(at);
        } else if (roll < 880) {
          ArrayDeque<Returnable> open = returnable.get(partner.id());
          return open == null || open.isEmpty() ? sale(at) : saleReturn(at, open);
        } else if (roll < 910) {
          Optional<MemberId> trainee = random.nextInt(10) < 7 ? rep() : Optional.empty();
          return new TrainingCompleted(header("TRN", trainee, at), random.nextInt(4) == 0 ? "advanced-wiring"
              : "course-" + random.nextInt(12));
        } else if (roll < 925) {
          return new CertificationEarned(header("CRT", random.nextBoolean() ? rep() : Optional.empty(), at),
              "cert-" + random.nextInt(5), Optional.of(day.plusYears(2)));
        } else if (roll < 930 && partners.size() > 1) {
          int other = random.nextInt(partners.size() - 1);
          PartnerId referred = partners.get(other >= index ? other + 1 : other).id();
          return new Referral(header("REF", Optional.empty(), at), referred);
        } else if (roll < 975) {
          return new SellThroughReport(header("STR", Optional.empty(), at), month.minusMonths(1),
              random.nextInt(3) == 0 ? day.minusDays(1 + random.nextInt(5)) : day.plusDays(random.nextInt(6)),
              List.of(new SellThroughLine("wires-" + (100 + random.nextInt(40)), "wires",
                  1 + random.nextInt(100) * (long) scale)));
        } else {
          LocalDate due = random.nextInt(5) == 0 ? day.minusDays(1 + random.nextInt(5)) : day.plusDays(random.nextInt(6));
          return new ReportSubmission(header("RPT", Optional.empty(), at), "stock-count", due);
        }
      }

      private Sale sale(Instant at) {
        Optional<MemberId> member = random.nextInt(10) < 6 ? rep() : Optional.empty();
        InvoiceMix.Drawn drawn = InvoiceMix.draw(random, scale);
        Sale sale = new Sale(header("INV", member, at), partner.currency(), drawn.lines());
        if (drawn.ordinary()) {
          ArrayDeque<Returnable> open = returnable.computeIfAbsent(partner.id(), p -> new ArrayDeque<>());
          if (open.size() == RETURNABLE) {
            open.removeFirst();
          }
          open.addLast(new Returnable(sale));
        }
        return sale;
      }

      /** Part of one line of a recent invoice; an invoice fully returned is dropped from the list. */
      private SaleReturn saleReturn(Instant at, ArrayDeque<Returnable> open) {
        List<Returnable> list = new ArrayList<>(open);
        Returnable from = list.get(random.nextInt(list.size()));
        int line = random.nextInt(from.left.length);
        while (from.left[line] == 0) {
          line = (line + 1) % from.left.length;
        }
        long quantity = 1 + random.nextLong(Math.max(1, from.left[line] / 2));
        from.take(line, quantity);
        if (from.unitsLeft == 0) {
          open.remove(from);
        }
        return new SaleReturn(header("RET", Optional.empty(), at), from.sale.id(),
            List.of(new ReturnLine(from.sale.lines().get(line).sku(), quantity)));
      }

      private Optional<MemberId> rep() {
        return own.isEmpty() ? Optional.empty() : Optional.of(own.get(random.nextInt(own.size())));
      }

      private ActivityHeader header(String kind, Optional<MemberId> member, Instant at) {
        long n = ++counters.computeIfAbsent(partner.id(), p -> new long[1])[0];
        return new ActivityHeader(ActivityId.of(kind + "-" + partner.id().value() + "-"
            + String.format(Locale.ROOT, "%06d", n)), partner.id(), member, at);
      }
    }
  }

  /** An activity with what orders it within its month. */
  private record Timed(Instant at, int partner, int seq, Activity activity) {
  }

  /** An invoice, the quantity of each line not returned yet, and their sum (0: fully returned). */
  private static final class Returnable {
    final Sale sale;
    final long[] left;
    long unitsLeft;

    Returnable(Sale sale) {
      this.sale = sale;
      this.left = sale.lines().stream().mapToLong(InvoiceLine::quantity).toArray();
      this.unitsLeft = Arrays.stream(left).sum();
    }

    void take(int line, long quantity) {
      left[line] -= quantity;
      unitsLeft -= quantity;
    }
  }

  /** A seed for one partner's month, spread by SplittableRandom's own mixing. */
  private static long mix(long seed, int partner, int month) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + partner * 0xBF58476D1CE4E5B9L + month).nextLong();
  }

  /** Knuth's method for small means; a rounded normal draw (Box-Muller) for large ones. */
  private static int poisson(double mean, SplittableRandom random) {
    if (mean <= 0) {
      return 0;
    }
    if (mean < 30) {
      double limit = StrictMath.exp(-mean);
      double product = random.nextDouble();
      int count = 0;
      while (product > limit) {
        count++;
        product *= random.nextDouble();
      }
      return count;
    }
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    double normal = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    return (int) Math.max(0, StrictMath.round(mean + StrictMath.sqrt(mean) * normal));
  }
}
