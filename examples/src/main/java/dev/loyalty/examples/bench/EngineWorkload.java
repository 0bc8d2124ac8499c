package dev.loyalty.examples.bench;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReportSubmission;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The engine benchmark's activities, generated before a run so that generating them is not
 * measured. One stream per thread, dated in order from June to September 2026 (the monsoon
 * campaign runs July to September), each activity with its own id:
 * <ul>
 *   <li>85%: invoices of 1 to 4 lines (35/30/20/15%) in six categories, one of them the premium
 *       "smart-switches"; 1 to 24 units at 50 to 5,000 INR; 60% of them name one of the dealer's
 *       two reps;</li>
 *   <li>10%: trainings (4%), certifications (2%), sell-through reports (4%, one in five late);</li>
 *   <li>5%: partial returns of one line of one of the stream's last 500 invoices, by the same
 *       dealer (so its invoice is always recorded before it, whatever the other threads do).</li>
 * </ul>
 */
final class EngineWorkload {

  static final Instant FIRST = Instant.parse("2026-06-01T03:30:00Z");
  static final Instant LAST = Instant.parse("2026-09-30T12:30:00Z");
  static final String PREMIUM = "smart-switches";
  static final List<String> CATEGORIES = List.of(PREMIUM, "switchgear", "wires", "lighting", "fans", "conduits");
  private static final int RECENT_INVOICES = 500;

  private EngineWorkload() {}

  /**
   * The streams of one run, one per thread. With {@code sharedDealers} every thread invoices all
   * dealers; otherwise thread {@code t} keeps to every {@code threads}-th dealer from {@code t}.
   *
   * @param run a prefix that makes the ids unique within the run
   */
  static List<List<Activity>> streams(String run, List<PartnerId> dealers, int threads, boolean sharedDealers,
      int perThread, long seed) {
    List<List<Activity>> streams = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      List<PartnerId> own = new ArrayList<>();
      for (int d = 0; d < dealers.size(); d++) {
        if (sharedDealers || d % threads == t) {
          own.add(dealers.get(d));
        }
      }
      streams.add(new Generator(run + "-t" + t + "-", own, new SplittableRandom(seed * 31 + t)).generate(perThread));
    }
    return streams;
  }

  /** How many activities of each kind a set of streams holds, for the report (any benchmark's streams). */
  static String describe(List<List<Activity>> streams) {
    long invoices = 0;
    long returns = 0;
    long others = 0;
    long lines = 0;
    long withRep = 0;
    for (List<Activity> stream : streams) {
      for (Activity a : stream) {
        if (a instanceof Sale s) {
          invoices++;
          lines += s.lines().size();
          withRep += s.member().isPresent() ? 1 : 0;
        } else if (a instanceof SaleReturn) {
          returns++;
        } else {
          others++;
        }
      }
    }
    long all = invoices + returns + others;
    return String.format(Locale.ROOT, "%,d activities: %.1f%% invoices (%.2f lines each, %.0f%% with a rep), %.1f%% "
        + "returns, %.1f%% other activities (trainings, certifications, reports, referrals)", all, 100.0 * invoices / all, (double) lines / invoices,
        100.0 * withRep / invoices, 100.0 * returns / all, 100.0 * others / all);
  }

  /** An invoice a later return of the same stream may take units of. */
  private static final class Returnable {
    final Sale sale;
    final long[] left;

    Returnable(Sale sale) {
      this.sale = sale;
      this.left = sale.lines().stream().mapToLong(InvoiceLine::quantity).toArray();
    }

    boolean exhausted() {
      for (long l : left) {
        if (l > 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** One thread's stream. */
  private static final class Generator {
    private final String prefix;
    private final List<PartnerId> dealers;
    private final SplittableRandom random;
    private final List<Returnable> recent = new ArrayList<>();

    Generator(String prefix, List<PartnerId> dealers, SplittableRandom random) {
      this.prefix = prefix;
      this.dealers = dealers;
      this.random = random;
    }

    List<Activity> generate(int count) {
      List<Activity> stream = new ArrayList<>(count);
      long span = Duration.between(FIRST, LAST).toMillis();
      for (int i = 0; i < count; i++) {
        Instant at = FIRST.plusMillis(span * i / Math.max(1, count - 1));
        ActivityId id = ActivityId.of(prefix + i);
        int roll = random.nextInt(100);
        Activity a;
        if (roll < 5 && !recent.isEmpty()) {
          a = saleReturn(id, at);
        } else if (roll < 9) {
          PartnerId dealer = dealer();
          Optional<MemberId> trainee = random.nextInt(10) < 7 ? Optional.of(rep(dealer)) : Optional.empty();
          a = new TrainingCompleted(header(id, dealer, trainee, at), "course-" + random.nextInt(12));
        } else if (roll < 11) {
          PartnerId dealer = dealer();
          a = new CertificationEarned(header(id, dealer, random.nextBoolean() ? Optional.of(rep(dealer))
              : Optional.empty(), at), "cert-" + random.nextInt(5), Optional.of(LocalDate.of(2027, 12, 31)));
        } else if (roll < 15) {
          LocalDate day = LocalDate.ofInstant(at, ChannelFixture.ZONE);
          // One in five is submitted after its due day and earns nothing.
          LocalDate due = random.nextInt(5) == 0 ? day.minusDays(1 + random.nextInt(5))
              : day.plusDays(random.nextInt(6));
          a = new ReportSubmission(header(id, dealer(), Optional.empty(), at), "sell-through-" + day.getMonthValue(),
              due);
        } else {
          a = sale(id, at);
        }
        stream.add(a);
      }
      return stream;
    }

    private Sale sale(ActivityId id, Instant at) {
      PartnerId dealer = dealer();
      Optional<MemberId> member = random.nextInt(10) < 6 ? Optional.of(rep(dealer)) : Optional.empty();
      int roll = random.nextInt(100);
      int lineCount = roll < 35 ? 1 : roll < 65 ? 2 : roll < 85 ? 3 : 4;
      List<InvoiceLine> lines = new ArrayList<>(lineCount);
      Set<String> skus = new HashSet<>();
      while (lines.size() < lineCount) {
        // The premium category comes up about one line in five.
        String category = random.nextInt(5) == 0 ? PREMIUM : CATEGORIES.get(1 + random.nextInt(CATEGORIES.size() - 1));
        String sku = category + "-" + (100 + random.nextInt(40));
        if (skus.add(sku)) {
          BigDecimal unitPrice = BigDecimal.valueOf(5_000 + random.nextInt(495_001), 2);
          lines.add(InvoiceLine.of(sku, category, 1 + random.nextInt(24), unitPrice.toPlainString()));
        }
      }
      Sale sale = new Sale(header(id, dealer, member, at), ChannelFixture.INR, lines);
      if (recent.size() == RECENT_INVOICES) {
        recent.remove(random.nextInt(RECENT_INVOICES));
      }
      recent.add(new Returnable(sale));
      return sale;
    }

    /** Takes back some units of one line of a recent invoice: never all it has left, unless one unit. */
    private SaleReturn saleReturn(ActivityId id, Instant at) {
      int index = random.nextInt(recent.size());
      Returnable invoice = recent.get(index);
      int line;
      do {
        line = random.nextInt(invoice.left.length);
      } while (invoice.left[line] == 0);
      long left = invoice.left[line];
      long quantity = left == 1 ? 1 : 1 + random.nextLong(left - 1);
      invoice.left[line] -= quantity;
      if (invoice.exhausted()) {
        recent.remove(index);
      }
      return new SaleReturn(header(id, invoice.sale.partner(), Optional.empty(), at), invoice.sale.id(),
          List.of(new ReturnLine(invoice.sale.lines().get(line).sku(), quantity)));
    }

    private PartnerId dealer() {
      return dealers.get(random.nextInt(dealers.size()));
    }

    private MemberId rep(PartnerId dealer) {
      return EngineChannel.rep(dealer, 1 + random.nextInt(EngineChannel.REPS_PER_DEALER));
    }

    private static ActivityHeader header(ActivityId id, PartnerId dealer, Optional<MemberId> member, Instant at) {
      return new ActivityHeader(id, dealer, member, at);
    }
  }
}
