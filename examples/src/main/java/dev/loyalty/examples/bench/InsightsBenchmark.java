package dev.loyalty.examples.bench;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.insights.DateRange;
import dev.loyalty.core.insights.Insights;
import dev.loyalty.core.insights.LeaderboardQuery;
import dev.loyalty.core.insights.ParticipantFilter;
import dev.loyalty.core.insights.ProgramKpis;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.CampaignTarget;
import dev.loyalty.core.program.ExpiryPolicy;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PartnerRegistry;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.PostHoldRequest;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How long {@code engine.insights()} takes over a program of 10,000 partners (each with a sales rep)
 * and a year of activity: invoices, returns, trainings, certifications, redemptions and monthly
 * period closes, recorded through the engine (core's plain-Java {@link SampleRules}, a program whose
 * points expire after six months, two campaigns), then every insight query timed: KPIs for the year,
 * a month and a region, tier movement, leaderboards by points and by sales, a campaign's uplift and
 * budget burn, the liability projection. Each query runs once cold and three times warm; the report
 * gives the cold time, the best warm time, the heap used once the history is loaded, and the load
 * average (the machine is shared). The year's KPIs are checked against the ledger (the wallets'
 * outstanding points), so a wrong figure fails the run instead of being timed.
 *
 * <p>Run it from the repository root (a few minutes on 2 cores, most of it recording the year;
 * {@code --quick}, 500 partners and seven months, under a minute):
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.InsightsBenchmark
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.InsightsBenchmark -Dexec.args="--quick"
 * </pre>
 */
public final class InsightsBenchmark {
  private static final String COMMAND = "mvn -q test-compile exec:java -Ddemo.main="
      + InsightsBenchmark.class.getName();
  private static final ZoneId ZONE = ChannelFixture.ZONE;
  private static final List<String> REGIONS = List.of("north", "south", "east", "west", "central");
  private static final List<String> CATEGORIES = List.of("cables", "switches", "smart-switches", "lighting");
  private static final YearMonth FIRST = YearMonth.of(2025, 1);

  /**
   * How big a run is.
   *
   * @param partners how many partners, each with one rep
   * @param months   months of activity from January 2025
   */
  record Size(String name, int partners, int months) {
    static final Size FULL = new Size("full", 10_000, 12);
    static final Size QUICK = new Size("quick", 500, 7);
  }

  /** One timed query. */
  record Timing(String query, long coldNanos, long bestWarmNanos) {
  }

  private final PrintStream out;
  private final Size size;
  private final String command;

  InsightsBenchmark(PrintStream out, Size size, String command) {
    this.out = out;
    this.size = size;
    this.command = command;
  }

  /** Arguments: {@code --quick} for a run of under a minute; {@code --help}. */
  public static void main(String[] args) {
    Optional<Boolean> quick = BenchReport.quickOrFull(args, COMMAND, "500 partners, 7 months: under a minute",
        "the default: 10,000 partners, a year; a few minutes on 2 cores");
    if (quick.isEmpty()) {
      return;
    }
    try (InsightsBackend backend = InsightsBackend.inMemory()) {
      new InsightsBenchmark(System.out, quick.get() ? Size.QUICK : Size.FULL,
          BenchReport.commandLine(COMMAND, args)).run(backend);
    }
  }

  /** The program: core's sample program, points valid six months, a budget per campaign of 10^12. */
  static Program program() {
    Program p = ChannelFixture.program(1_000_000_000_000L);
    Campaign monsoon = p.campaigns().get(0);
    Campaign festive = new Campaign(CampaignId.of("festive"), "Festive push", LocalDate.of(2025, 10, 1),
        LocalDate.of(2025, 11, 30), new CampaignTarget(Set.of("south", "west"), Set.of(), Set.of(), Set.of()),
        50_000_000, Map.of("bonus-percent", "25"));
    Campaign monsoon2025 = new Campaign(monsoon.id(), monsoon.name(), LocalDate.of(2025, 7, 1),
        LocalDate.of(2025, 9, 30), monsoon.target(), 20_000_000, monsoon.parameters());
    return new Program(p.id(), p.name(), p.zone(), p.pointValue(), p.tiers(), p.tierPolicy(),
        List.of(monsoon2025, festive), p.earnSplit(), new ExpiryPolicy.AfterMonths(6), p.accounts(), p.parameters());
  }

  /** The partners (dealers, retailers, distributors in five regions) and one rep each. */
  static PartnerRegistry directory(int partners) {
    List<Partner> ps = new ArrayList<>(partners);
    List<Member> ms = new ArrayList<>(partners);
    List<PartnerType> types = List.of(PartnerType.DEALER, PartnerType.DEALER, PartnerType.RETAILER,
        PartnerType.RETAILER, PartnerType.DISTRIBUTOR);
    for (int i = 0; i < partners; i++) {
      PartnerId id = partnerId(i);
      ps.add(Partner.of(id, "Partner " + i, types.get(i % types.size()), REGIONS.get(i % REGIONS.size()), "IN",
          ChannelFixture.INR, LocalDate.of(2024, 12, 1)));
      ms.add(Member.of(repId(i), id, "Rep of partner " + i, MemberRole.SALES_REP, Locale.forLanguageTag("en-IN"),
          LocalDate.of(2024, 12, 1)));
    }
    return PartnerDirectory.inMemory().enrol(ps, ms);
  }

  private static PartnerId partnerId(int i) {
    return PartnerId.of(String.format(Locale.ROOT, "p%05d", i));
  }

  private static MemberId repId(int i) {
    return MemberId.of(String.format(Locale.ROOT, "p%05d-rep", i));
  }

  /** A month's activities of every partner, in time order; deterministic per month. */
  static List<Activity> month(YearMonth month, int partners, Map<ActivityId, Sale> sales) {
    Random random = new Random(month.hashCode() * 31L + partners);
    List<Activity> activities = new ArrayList<>();
    int days = month.lengthOfMonth();
    for (int i = 0; i < partners; i++) {
      PartnerId partner = partnerId(i);
      int invoices = random.nextInt(7);   // 0 to 6 a month, 3 on average
      for (int n = 0; n < invoices; n++) {
        Instant at = month.atDay(1 + random.nextInt(days)).atTime(9 + random.nextInt(9), random.nextInt(60))
            .atZone(ZONE).toInstant();
        Optional<MemberId> rep = random.nextInt(5) == 0 ? Optional.of(repId(i)) : Optional.empty();
        int category = random.nextInt(CATEGORIES.size());
        Sale sale = new Sale(new ActivityHeader(ActivityId.of(partner.value() + "-" + month + "-" + n), partner, rep,
            at), ChannelFixture.INR, List.of(InvoiceLine.of("SKU-" + category, CATEGORIES.get(category),
                1 + random.nextInt(40), (500 + random.nextInt(4_500)) + ".00")));
        activities.add(sale);
        sales.put(sale.id(), sale);
        if (random.nextInt(33) == 0) {   // about 3% come partly back, a few days later, within the month
          Instant back = at.plus(Duration.ofDays(1 + random.nextInt(3)));
          if (YearMonth.from(back.atZone(ZONE)).equals(month)) {
            long quantity = Math.max(1, sale.lines().get(0).quantity() / 2);
            activities.add(new SaleReturn(new ActivityHeader(ActivityId.of(sale.id().value() + "-r"), partner,
                Optional.empty(), back), sale.id(), List.of(new ReturnLine(sale.lines().get(0).sku(), quantity))));
          }
        }
      }
      Instant mid = month.atDay(Math.min(15, days)).atTime(11, 0).atZone(ZONE).toInstant();
      if (random.nextInt(20) == 0) {
        activities.add(new TrainingCompleted(new ActivityHeader(ActivityId.of(partner.value() + "-" + month + "-t"),
            partner, Optional.of(repId(i)), mid), "LED-101"));
      }
      if (random.nextInt(50) == 0) {
        activities.add(new CertificationEarned(new ActivityHeader(ActivityId.of(partner.value() + "-" + month + "-c"),
            partner, Optional.of(repId(i)), mid.plusSeconds(60)), "installer", Optional.empty()));
      }
    }
    activities.sort(Comparator.comparing(Activity::occurredAt).thenComparing(a -> a.id().value()));
    return activities;
  }

  void run(InsightsBackend backend) {
    long started = System.nanoTime();
    out.printf("# Insights benchmark (%s: %,d partners and %,d reps, %d months from %s; %s)%n%n", size.name(),
        size.partners(), size.partners(), size.months(), FIRST, backend.name());
    out.printf("- machine: %s%n- JVM: %s, %s%n- load average before: %s%n", BenchReport.machine(), BenchReport.jvm(),
        BenchReport.collectors(), LoadAverage.all());
    YearMonth last = FIRST.plusMonths(size.months() - 1L);
    HistoryClock clock = new HistoryClock(FIRST.atDay(1).atStartOfDay(ZONE).toInstant());
    Program program = program();
    LoyaltyEngine engine = backend.engine(program, new SampleRules(), directory(size.partners()), clock);
    Ledger ledger = engine.ledger();
    AccountId clearing = program.accounts().redemptionClearing();
    ledger.openAccount(clearing, AccountType.SYSTEM);

    long loading = System.nanoTime();
    long recorded = 0;
    long redemptions = 0;
    Map<ActivityId, Sale> sales = new HashMap<>();
    Random redeeming = new Random(18);
    for (YearMonth m = FIRST; !m.isAfter(last); m = m.plusMonths(1)) {
      for (Activity a : month(m, size.partners(), sales)) {
        clock.set(a.occurredAt().plusSeconds(1));
        engine.record(a);
        recorded++;
      }
      // a tenth of the partners redeem half of what they hold at the month's end, as the rewards
      // capability books a redemption: a hold to the clearing account, posted
      Instant end = m.atEndOfMonth().atTime(20, 0).atZone(ZONE).toInstant();
      clock.set(end);
      for (int i = 0; i < size.partners(); i++) {
        if (redeeming.nextInt(10) != 0) {
          continue;
        }
        long points = engine.balance(partnerId(i)).available() / 2;
        if (points > 0) {
          String key = "redeem:" + partnerId(i).value() + ":" + m;
          HoldId hold = ledger.hold(HoldRequest.of(IdempotencyKey.of(key), program.accounts().wallet(partnerId(i)),
              clearing, points, "redemption"));
          ledger.postHold(PostHoldRequest.full(IdempotencyKey.of(key + ":post"), hold, "delivered"));
          redemptions++;
        }
      }
      Instant close = m.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();
      clock.set(close.plusSeconds(1));
      engine.closePeriod(close);
    }
    Duration load = Duration.ofNanos(System.nanoTime() - loading);
    long heap = BenchReport.settleHeap();
    out.printf("- history: %,d activities recorded and %,d redemptions in %s s (%,.0f activities/s); %,d ledger"
        + " accounts; heap used after loading: %,d MB%n%n", recorded, redemptions, BenchReport.seconds(load),
        recorded / (load.toNanos() / 1e9), ledger.accounts().size(), heap >> 20);

    Insights insights = engine.insights();
    DateRange year = DateRange.of(FIRST.atDay(1), last.atEndOfMonth());
    DateRange lastMonth = DateRange.month(last);
    List<Timing> timings = new ArrayList<>();
    ProgramKpis kpis = time(timings, "kpis: the whole period, everyone", () -> insights.kpis(year,
        ParticipantFilter.everyone()));
    time(timings, "kpis: the last month, everyone", () -> insights.kpis(lastMonth, ParticipantFilter.everyone()));
    time(timings, "kpis: the whole period, region south, dealers", () -> insights.kpis(year,
        ParticipantFilter.everyone().regions("south").partnerTypes(PartnerType.DEALER)));
    time(timings, "tier movement over the period", () -> insights.tierMovement(year.from().minusDays(1), year.to(),
        ParticipantFilter.everyone()));
    time(timings, "leaderboard: top 10 partners by points", () -> insights.leaderboard(LeaderboardQuery.of(
        LeaderboardQuery.Kind.PARTNERS, LeaderboardQuery.Metric.POINTS, year, 10)));
    time(timings, "leaderboard: top 10 reps by sales, last month", () -> insights.leaderboard(LeaderboardQuery.of(
        LeaderboardQuery.Kind.MEMBERS, LeaderboardQuery.Metric.SALES, lastMonth, 10)));
    time(timings, "own rank of one partner", () -> insights.rank(partnerId(size.partners() / 2), LeaderboardQuery.of(
        LeaderboardQuery.Kind.PARTNERS, LeaderboardQuery.Metric.POINTS, year, 10)));
    time(timings, "campaign uplift (monsoon against the 3 months before)", () -> insights.campaignUplift(
        CampaignId.of("monsoon"), DateRange.of(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30)), year.to()));
    time(timings, "budget burn (monsoon)", () -> insights.budgetBurn(CampaignId.of("monsoon"), year.to()));
    time(timings, "liability projection, 6 months", () -> insights.liabilityProjection(last, 6));

    // the last close's expiry counts from the first instant after the period: compare just before it
    Instant periodEnd = year.end(ZONE).minusNanos(1);
    long wallets = 0;
    for (var account : ledger.accounts()) {
      if (program.accounts().isWallet(account.id())) {
        wallets += ledger.balanceAsOf(account.id(), periodEnd).posted();
      }
    }
    if (kpis.points().outstandingAtEnd() != wallets) {
      throw new IllegalStateException("the KPIs say " + kpis.points().outstandingAtEnd()
          + " points are outstanding; the wallets hold " + wallets);
    }

    out.println("| query | cold (ms) | best of 3 warm (ms) |");
    out.println("|---|---:|---:|");
    for (Timing t : timings) {
      out.printf(Locale.ROOT, "| %s | %.0f | %.0f |%n", t.query(), t.coldNanos() / 1e6, t.bestWarmNanos() / 1e6);
    }
    ProgramKpis.PointsFlow p = kpis.points();
    out.printf("%nThe whole period: %,d partners active of %,d, %,d points issued, %,d taken back, %,d redeemed, %,d"
        + " expired, %,d outstanding (equal to the wallets' balances), redemption rate %s, expected breakage %s.%n",
        kpis.partners().active(), kpis.partners().enrolled(), p.issued(), p.takenBack(), p.redeemed(), p.expired(),
        p.outstandingAtEnd(), p.redemptionRate().map(Object::toString).orElse("n/a"),
        kpis.liability().expectedBreakageRate().map(Object::toString).orElse("n/a"));
    out.printf("%nLoad average after: %s. Total run: %s s. Command: `%s`%n", LoadAverage.all(),
        BenchReport.seconds(Duration.ofNanos(System.nanoTime() - started)), command);
  }

  /** The clock a history import runs on: set to each activity's time as it is recorded. Not thread-safe. */
  private static final class HistoryClock extends Clock {
    private Instant now;

    HistoryClock(Instant start) {
      now = start;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the history clock keeps the program's zone");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static <T> T time(List<Timing> timings, String query, Supplier<T> call) {
    long t0 = System.nanoTime();
    T result = call.get();
    long cold = System.nanoTime() - t0;
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long s = System.nanoTime();
      call.get();
      best = Math.min(best, System.nanoTime() - s);
    }
    timings.add(new Timing(query, cold, best));
    return result;
  }
}
