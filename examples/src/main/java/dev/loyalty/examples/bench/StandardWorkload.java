package dev.loyalty.examples.bench;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.ReportSubmission;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SellThroughLine;
import dev.loyalty.core.activity.SellThroughReport;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.simulation.InvoiceMix;
import dev.loyalty.core.testing.ChannelFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Activities for the ready-made program, generated before a run so that generating them is not
 * measured; one stream per thread, dated in order from June to October 2026 (the monsoon campaign
 * runs July to September), each with its own id. Every ready-made rule has something to do:
 * <ul>
 *   <li>86% invoices, the lines of core's {@link InvoiceMix} (the generated channel's): 1 to 4 lines
 *       in six categories, a line in five premium ("smart-switches", 2x), one in fifty the SKU
 *       "SW-PRO" (3x), one in twenty-five a clearance SKU ("OLD-1", "OLD-2"); 1 to 24 units at 50 to
 *       5,000 INR; 60% name one of the dealer's reps (split). One in 300 has a line of 10 units at
 *       50,000 to 250,000 INR (the cap, and above 2,000,000 INR the review); one in 2,000 a line of
 *       more than 1,000 units (blocked);</li>
 *   <li>4% trainings, 2% certifications, 4% sell-through reports and 3% other reports (one in five
 *       late), 1% referrals of a retailer;</li>
 *   <li>one dealer in twenty orders only in June and October (reactivation after 90 dormant days);
 *       one in ten is in a new market (expansion on its first order).</li>
 * </ul>
 * Returns are left out: the rules do not see them, and this benchmark is about the rules.
 */
final class StandardWorkload {

  static final Instant FIRST = Instant.parse("2026-06-01T03:30:00Z");
  static final Instant LAST = Instant.parse("2026-10-31T12:30:00Z");

  private StandardWorkload() {}

  /**
   * The streams of one run, one per thread: thread {@code t} keeps to every {@code threads}-th
   * dealer from {@code t} (disjoint dealers).
   *
   * @param run a prefix that makes the ids unique within the run
   */
  static List<List<Activity>> streams(String run, StandardChannel channel, int threads, int perThread, long seed) {
    List<List<Activity>> streams = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      List<PartnerId> own = new ArrayList<>();
      for (int d = 0; d < channel.dealers.size(); d++) {
        if (d % threads == t) {
          own.add(channel.dealers.get(d));
        }
      }
      streams.add(new Generator(run + "-t" + t + "-", own, channel.retailers, new SplittableRandom(seed * 31 + t))
          .generate(perThread));
    }
    return streams;
  }

  /** A dealer that orders only in June and October. */
  static boolean seasonal(PartnerId dealer) {
    return Integer.parseInt(dealer.value().substring("dealer-".length())) % 20 == 5;
  }

  /** One thread's stream. */
  private static final class Generator {
    private final String prefix;
    private final List<PartnerId> dealers;
    private final List<PartnerId> retailers;
    private final SplittableRandom random;

    Generator(String prefix, List<PartnerId> dealers, List<PartnerId> retailers, SplittableRandom random) {
      this.prefix = prefix;
      this.dealers = dealers;
      this.retailers = retailers;
      this.random = random;
    }

    List<Activity> generate(int count) {
      List<Activity> stream = new ArrayList<>(count);
      long span = Duration.between(FIRST, LAST).toMillis();
      for (int i = 0; i < count; i++) {
        Instant at = FIRST.plusMillis(span * i / Math.max(1, count - 1));
        ActivityId id = ActivityId.of(prefix + i);
        PartnerId dealer = dealer(at);
        LocalDate day = LocalDate.ofInstant(at, ChannelFixture.ZONE);
        int roll = random.nextInt(100);
        Activity a;
        if (roll < 4) {
          Optional<MemberId> trainee = random.nextInt(10) < 7 ? Optional.of(rep(dealer)) : Optional.empty();
          a = new TrainingCompleted(header(id, dealer, trainee, at), random.nextInt(4) == 0 ? "advanced-wiring"
              : "course-" + random.nextInt(12));
        } else if (roll < 6) {
          a = new CertificationEarned(header(id, dealer, random.nextBoolean() ? Optional.of(rep(dealer))
              : Optional.empty(), at), "cert-" + random.nextInt(5), Optional.of(LocalDate.of(2027, 12, 31)));
        } else if (roll < 10) {
          a = new SellThroughReport(header(id, dealer, Optional.empty(), at), YearMonth.from(day).minusMonths(1),
              due(day), List.of(new SellThroughLine("wires-" + (100 + random.nextInt(40)), "wires",
                  1 + random.nextInt(100))));
        } else if (roll < 13) {
          a = new ReportSubmission(header(id, dealer, Optional.empty(), at), "stock-count", due(day));
        } else if (roll < 14) {
          a = new Referral(header(id, dealer, Optional.empty(), at), retailers.get(random.nextInt(retailers.size())));
        } else {
          a = sale(id, dealer, at);
        }
        stream.add(a);
      }
      return stream;
    }

    /** One in five is submitted after its due day and earns nothing. */
    private LocalDate due(LocalDate day) {
      return random.nextInt(5) == 0 ? day.minusDays(1 + random.nextInt(5)) : day.plusDays(random.nextInt(6));
    }

    /** core's generated invoices ({@link InvoiceMix}), at the smallest partner's scale. */
    private Sale sale(ActivityId id, PartnerId dealer, Instant at) {
      Optional<MemberId> member = random.nextInt(10) < 6 ? Optional.of(rep(dealer)) : Optional.empty();
      return new Sale(header(id, dealer, member, at), ChannelFixture.INR, InvoiceMix.draw(random, 1).lines());
    }

    /** A dealer of this stream; a seasonal one only in June and October. */
    private PartnerId dealer(Instant at) {
      Month month = at.atOffset(ZoneOffset.UTC).getMonth();
      boolean season = month == Month.JUNE || month == Month.OCTOBER;
      while (true) {
        PartnerId d = dealers.get(random.nextInt(dealers.size()));
        if (season || !seasonal(d)) {
          return d;
        }
      }
    }

    private MemberId rep(PartnerId dealer) {
      return ChannelFixture.rep(dealer, 1 + random.nextInt(StandardChannel.REPS_PER_DEALER));
    }

    private static ActivityHeader header(ActivityId id, PartnerId dealer, Optional<MemberId> member, Instant at) {
      return new ActivityHeader(id, dealer, member, at);
    }
  }
}
