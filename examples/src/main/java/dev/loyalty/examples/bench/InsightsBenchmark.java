package dev.loyalty.examples.bench;

import com.zaxxer.hikari.HikariDataSource;
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
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * How long {@code engine.insights()} takes over a program of 10,000 partners (each with a sales rep)
 * and a year of activity, on the in-memory engine and on the engine with every store in PostgreSQL
 * ({@code postgres(dataSource)}, an embedded server the run starts), side by side. The same history
 * (invoices, returns, trainings, certifications, redemptions and monthly period closes, recorded
 * through {@code engine.record} with core's plain-Java {@link SampleRules}, a program whose points
 * expire after six months, two campaigns) is loaded into both engines, timed apart from the queries.
 * Then every insight query is timed on each: KPIs for the year, a month and a region, the tier
 * distribution and movement, leaderboards by points and by sales and a partner's own rank, a
 * campaign's uplift and budget burn, the liability projection, a rep's badges. Each query runs once
 * cold and then warm ({@link Size#warmRuns()} times); the report gives the cold time and the median
 * and slowest warm time, the load times, and the load average (the machine is shared).
 *
 * <p>Checks, so that a wrong figure fails the run instead of being timed: every query gives the same
 * result on every backend; the year's outstanding points equal the wallets' balances in each
 * ledger, and, on PostgreSQL, a plain SQL sum over the ledger's tables, which is also timed as the
 * floor a hand-written query would give.
 *
 * <p>Run it from the repository root ({@code --quick}, 500 partners and seven months; {@code
 * --partners=N}, a year of {@code N} partners; {@code --memory-only} or {@code --postgres-only}, one
 * backend). Most of a run is loading the history into PostgreSQL through the engine, one database
 * transaction per activity (the engine has no bulk recording), on eight threads there ({@code
 * --loaders=N} to change it; each partner's activities in order on one thread); the load is timed
 * apart, and with
 * {@code --database=DIR} the database is kept in {@code DIR}, so that a later run of the same size
 * there times the queries without loading it again (the in-memory engine is loaded every time):
 * <pre>
 * MAVEN_OPTS="-Xmx6g" mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.InsightsBenchmark
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
  /** The most loading threads {@code --loaders} takes: the PostgreSQL pool has 16 connections. */
  static final int MAX_LOADERS = 12;

  /**
   * How big a run is.
   *
   * @param partners how many partners, each with one rep
   * @param months   months of activity from January 2025
   * @param warmRuns how many times each query runs after its first (cold) run
   */
  record Size(String name, int partners, int months, int warmRuns) {
    static final Size FULL = new Size("full", 10_000, 12, 5);
    static final Size QUICK = new Size("quick", 500, 7, 5);
  }

  private final PrintStream out;
  private final Size size;
  private final String command;

  InsightsBenchmark(PrintStream out, Size size, String command) {
    this.out = out;
    this.size = size;
    this.command = command;
  }

  /**
   * Arguments: {@code --quick} for a short run; {@code --partners=N} for a year of {@code N}
   * partners; {@code --memory-only} or {@code --postgres-only} for one backend; {@code --database=DIR}
   * to keep PostgreSQL's data; {@code --loaders=N} to record the history on {@code N} threads;
   * {@code --help}.
   */
  public static void main(String[] args) {
    List<String> given = new ArrayList<>(List.of(args));
    boolean memory = !given.remove("--postgres-only");
    boolean postgres = !given.remove("--memory-only");
    Optional<Path> database = given.stream().filter(a -> a.startsWith("--database=")).findFirst()
        .map(a -> {
          given.remove(a);
          return Path.of(a.substring("--database=".length()));
        });
    OptionalInt partners;
    OptionalInt threads;
    try {
      partners = number(given, "--partners=", 99_999, "the number of partners");
      threads = number(given, "--loaders=", MAX_LOADERS, "the number of loading threads");
    } catch (IllegalArgumentException e) {
      System.out.println(e.getMessage());
      return;
    }
    if (!memory && !postgres) {
      System.out.println("--memory-only and --postgres-only leave nothing to run");
      return;
    }
    if (given.contains("--help") || given.contains("-h")) {
      System.out.println("  --partners=N     a year of N partners (and N reps)");
      System.out.println("  --database=DIR   keep PostgreSQL's data in DIR; a later run of the same size there does not load"
          + " the history again");
      System.out.println("  --memory-only    the in-memory engine alone; --postgres-only: the PostgreSQL engine alone");
      System.out.println("  --loaders=N      record the history on N threads (default: 2 in memory, 8 on PostgreSQL)");
    }
    Optional<Boolean> quick = BenchReport.quickOrFull(given.toArray(String[]::new), COMMAND,
        "500 partners, 7 months: a few minutes, most of it loading PostgreSQL",
        "the default: 10,000 partners, a year; loading PostgreSQL takes most of it");
    if (quick.isEmpty()) {
      return;
    }
    Size size = quick.get() ? Size.QUICK : Size.FULL;
    if (partners.isPresent()) {
      size = new Size(partners.getAsInt() + " partners", partners.getAsInt(), 12, Size.FULL.warmRuns());
    }
    List<InsightsBackend> backends = new ArrayList<>();
    try {
      if (memory) {
        backends.add(InsightsBackend.inMemory(threads));
      }
      if (postgres) {
        backends.add(InsightsBackend.postgres(database, threads));
      }
      new InsightsBenchmark(System.out, size, BenchReport.commandLine(COMMAND, args)).run(backends);
    } finally {
      backends.forEach(InsightsBackend::close);
    }
  }

  /**
   * The number {@code N} of the argument {@code option}{@code N} among {@code given}, which loses it;
   * empty when there is none.
   *
   * @throws IllegalArgumentException naming {@code what} if it is not a number from 1 to {@code max}
   */
  static OptionalInt number(List<String> given, String option, int max, String what) {
    Optional<String> arg = given.stream().filter(a -> a.startsWith(option)).findFirst();
    if (arg.isEmpty()) {
      return OptionalInt.empty();
    }
    given.remove(arg.get());
    int n;
    try {
      n = Integer.parseInt(arg.get().substring(option.length()));
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1 || n > max) {
      throw new IllegalArgumentException(arg.get() + ": " + what + " must be 1 to " + max);
    }
    return OptionalInt.of(n);
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

  /** The partners (dealers, retailers, distributors in five regions) and one rep each, added to the lists. */
  static void directory(int partners, List<Partner> ps, List<Member> ms) {
    List<PartnerType> types = List.of(PartnerType.DEALER, PartnerType.DEALER, PartnerType.RETAILER,
        PartnerType.RETAILER, PartnerType.DISTRIBUTOR);
    for (int i = 0; i < partners; i++) {
      PartnerId id = partnerId(i);
      ps.add(Partner.of(id, "Partner " + i, types.get(i % types.size()), REGIONS.get(i % REGIONS.size()), "IN",
          ChannelFixture.INR, LocalDate.of(2024, 12, 1)));
      ms.add(Member.of(repId(i), id, "Rep of partner " + i, MemberRole.SALES_REP, Locale.forLanguageTag("en-IN"),
          LocalDate.of(2024, 12, 1)));
    }
  }

  private static PartnerId partnerId(int i) {
    return PartnerId.of(String.format(Locale.ROOT, "p%05d", i));
  }

  private static MemberId repId(int i) {
    return MemberId.of(String.format(Locale.ROOT, "p%05d-rep", i));
  }

  /** A month's activities of every partner, in time order; deterministic per month. */
  static List<Activity> month(YearMonth month, int partners) {
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

  /** A backend's engine with the history loaded. */
  record Loaded(InsightsBackend backend, LoyaltyEngine engine, Duration load, long redemptions, boolean kept) {
  }

  /** One query, timed on every backend. */
  record Query(String name, Function<Insights, Object> call) {
  }

  /** Loads the history into an engine on each backend, then times every query on each, side by side. */
  void run(List<InsightsBackend> backends) {
    long started = System.nanoTime();
    out.printf("# Insights benchmark (%s: %,d partners and %,d reps, %d months from %s; %s)%n%n", size.name(),
        size.partners(), size.partners(), size.months(), FIRST,
        backends.stream().map(InsightsBackend::name).collect(Collectors.joining(" and ")));
    out.printf("- machine: %s%n- JVM: %s, %s%n- load average before: %s%n", BenchReport.machine(), BenchReport.jvm(),
        BenchReport.collectors(), LoadAverage.all());
    YearMonth last = FIRST.plusMonths(size.months() - 1L);
    List<List<Activity>> history = new ArrayList<>();
    for (YearMonth m = FIRST; !m.isAfter(last); m = m.plusMonths(1)) {
      history.add(month(m, size.partners()));
    }
    long activities = history.stream().mapToLong(List::size).sum();
    List<Loaded> loaded = new ArrayList<>();
    for (InsightsBackend backend : backends) {
      Loaded l = load(backend, history);
      loaded.add(l);
      out.printf("- %s: %,d activities and %,d redemptions recorded in %s s (%,.0f activities/s%s); %,d ledger accounts;"
          + " heap used: %,d MB%n", backend.name(), activities, l.redemptions(), BenchReport.seconds(l.load()),
          activities / (l.load().toNanos() / 1e9), l.kept() ? ", by an earlier run into the kept database" : "",
          l.engine().ledger().accounts().size(), BenchReport.settleHeap() >> 20);
    }
    out.println();

    DateRange year = DateRange.of(FIRST.atDay(1), last.atEndOfMonth());
    List<Query> queries = queries(last);

    StringBuilder header = new StringBuilder("| query |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Loaded l : loaded) {
      header.append(String.format(Locale.ROOT, " %s cold (ms) | warm p50 (ms) | warm max (ms) |", l.backend().name()));
      rule.append("---:|---:|---:|");
    }
    out.println(header);
    out.println(rule);
    Object yearKpis = null;
    for (Query q : queries) {
      StringBuilder row = new StringBuilder("| " + q.name() + " |");
      Object first = null;
      for (Loaded l : loaded) {
        Insights insights = l.engine().insights();
        Timed t = time(size.warmRuns(), () -> q.call().apply(insights));
        if (first == null) {
          first = t.result();
        } else if (!first.equals(t.result())) {
          throw new IllegalStateException(q.name() + ": " + l.backend().name() + " says " + t.result() + "; "
              + loaded.get(0).backend().name() + " says " + first);
        }
        row.append(String.format(Locale.ROOT, " %,.0f | %,.0f | %,.0f |", t.coldNanos() / 1e6,
            t.warm(0.5) / 1e6, t.warm(1.0) / 1e6));
      }
      if (yearKpis == null) {
        yearKpis = first;
      }
      out.println(row);
    }
    ProgramKpis kpis = (ProgramKpis) yearKpis;
    // the last close's expiry counts from the first instant after the period: compare just before it
    Instant periodEnd = year.end(ZONE).minusNanos(1);
    for (Loaded l : loaded) {
      long wallets = 0;
      Ledger ledger = l.engine().ledger();
      for (var account : ledger.accounts()) {
        if (l.engine().program().accounts().isWallet(account.id())) {
          wallets += ledger.balanceAsOf(account.id(), periodEnd).posted();
        }
      }
      if (kpis.points().outstandingAtEnd() != wallets) {
        throw new IllegalStateException("the KPIs say " + kpis.points().outstandingAtEnd()
            + " points are outstanding; the wallets of " + l.backend().name() + " hold " + wallets);
      }
    }
    for (Loaded l : loaded) {
      l.backend().database().ifPresent(db -> sqlBaseline(db, l.engine().program(), year, kpis));
    }

    ProgramKpis.PointsFlow p = kpis.points();
    out.printf("%nThe whole period: %,d partners active of %,d, %,d points issued, %,d taken back, %,d redeemed, %,d"
        + " expired, %,d outstanding (equal to the wallets' balances), redemption rate %s, expected breakage %s.%s%n",
        kpis.partners().active(), kpis.partners().enrolled(), p.issued(), p.takenBack(), p.redeemed(), p.expired(),
        p.outstandingAtEnd(), p.redemptionRate().map(Object::toString).orElse("n/a"),
        kpis.liability().expectedBreakageRate().map(Object::toString).orElse("n/a"),
        loaded.size() > 1 ? " Every query gave the same result on every backend." : "");
    out.printf("%nLoad average after: %s. Total run: %s s. Command: `%s`%n", LoadAverage.all(),
        BenchReport.seconds(Duration.ofNanos(System.nanoTime() - started)), command);
  }

  /** The queries timed, over the history up to {@code last}. */
  List<Query> queries(YearMonth last) {
    DateRange year = DateRange.of(FIRST.atDay(1), last.atEndOfMonth());
    DateRange lastMonth = DateRange.month(last);
    return List.of(
        new Query("kpis: the whole period, everyone", i -> i.kpis(year, ParticipantFilter.everyone())),
        new Query("kpis: the last month, everyone", i -> i.kpis(lastMonth, ParticipantFilter.everyone())),
        new Query("kpis: the whole period, region south, dealers", i -> i.kpis(year,
            ParticipantFilter.everyone().regions("south").partnerTypes(PartnerType.DEALER))),
        new Query("tier distribution at the period's end", i -> i.tierDistribution(year.to(),
            ParticipantFilter.everyone())),
        new Query("tier movement over the period", i -> i.tierMovement(year.from().minusDays(1), year.to(),
            ParticipantFilter.everyone())),
        new Query("leaderboard: top 10 partners by points", i -> i.leaderboard(LeaderboardQuery.of(
            LeaderboardQuery.Kind.PARTNERS, LeaderboardQuery.Metric.POINTS, year, 10))),
        new Query("leaderboard: top 10 reps by sales, last month", i -> i.leaderboard(LeaderboardQuery.of(
            LeaderboardQuery.Kind.MEMBERS, LeaderboardQuery.Metric.SALES, lastMonth, 10))),
        new Query("own rank of one partner", i -> i.rank(partnerId(size.partners() / 2), LeaderboardQuery.of(
            LeaderboardQuery.Kind.PARTNERS, LeaderboardQuery.Metric.POINTS, year, 10))),
        new Query("campaign uplift (monsoon against the 3 months before)", i -> i.campaignUplift(
            CampaignId.of("monsoon"), DateRange.of(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30)), year.to())),
        new Query("budget burn (monsoon)", i -> i.budgetBurn(CampaignId.of("monsoon"), year.to())),
        new Query("liability projection, 6 months", i -> i.liabilityProjection(last, 6)),
        new Query("badges of one rep", i -> i.badges(repId(size.partners() / 2))));
  }

  /**
   * Records the history through an engine on {@code backend}: each month's activities on {@link
   * InsightsBackend#loaders()} threads, each partner's in time order on one of them, with the clock
   * at the month's last evening (so every activity of the month is recorded late, on every backend
   * alike: its points count from its own time); then a tenth of the partners (drawn in partner
   * order) redeem half of what they hold (as the rewards capability books a redemption: a hold to
   * the clearing account, posted), each partner's on the same thread as its activities, and the
   * month is closed. The threads change the order of the ledger's transactions between partners,
   * never a partner's own history, so every figure is the same with any number of them.
   */
  Loaded load(InsightsBackend backend, List<List<Activity>> history) {
    HistoryClock clock = new HistoryClock(FIRST.atDay(1).atStartOfDay(ZONE).toInstant());
    Program program = program();
    List<Partner> partners = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    directory(size.partners(), partners, members);
    LoyaltyEngine engine = backend.engine(program, new SampleRules(), partners, members, clock);
    Optional<InsightsBackend.Kept> kept = backend.kept(size.partners(), size.months());
    if (kept.isPresent()) {
      return new Loaded(backend, engine, kept.get().load(), kept.get().redemptions(), true);
    }
    Ledger ledger = engine.ledger();
    AccountId clearing = program.accounts().redemptionClearing();
    ledger.openAccount(clearing, AccountType.SYSTEM);
    long loading = System.nanoTime();
    long redemptions = 0;
    Random redeeming = new Random(18);
    YearMonth m = FIRST;
    ExecutorService loaders = Executors.newFixedThreadPool(backend.loaders());
    try {
      for (List<Activity> month : history) {
        clock.set(m.atEndOfMonth().atTime(19, 0).atZone(ZONE).toInstant());
        List<List<Activity>> streams = new ArrayList<>();
        for (int t = 0; t < backend.loaders(); t++) {
          streams.add(new ArrayList<>());
        }
        for (Activity a : month) {
          streams.get(Math.floorMod(a.partner().hashCode(), backend.loaders())).add(a);
        }
        List<Future<?>> done = new ArrayList<>();
        for (List<Activity> stream : streams) {
          done.add(loaders.submit(() -> stream.forEach(engine::record)));
        }
        for (Future<?> f : done) {
          f.get();
        }
        Instant end = m.atEndOfMonth().atTime(20, 0).atZone(ZONE).toInstant();
        clock.set(end);
        // who redeems is drawn in partner order, whatever the threads; each redeems from its own wallet
        List<List<PartnerId>> redeemers = new ArrayList<>();
        for (int t = 0; t < backend.loaders(); t++) {
          redeemers.add(new ArrayList<>());
        }
        for (int i = 0; i < size.partners(); i++) {
          if (redeeming.nextInt(10) == 0) {
            redeemers.get(Math.floorMod(partnerId(i).hashCode(), backend.loaders())).add(partnerId(i));
          }
        }
        String thisMonth = m.toString();
        List<Future<Long>> redeemed = new ArrayList<>();
        for (List<PartnerId> some : redeemers) {
          redeemed.add(loaders.submit(() -> {
            long n = 0;
            for (PartnerId partner : some) {
              long points = engine.balance(partner).available() / 2;
              if (points > 0) {
                String key = "redeem:" + partner.value() + ":" + thisMonth;
                HoldId hold = ledger.hold(HoldRequest.of(IdempotencyKey.of(key), program.accounts().wallet(partner),
                    clearing, points, "redemption"));
                ledger.postHold(PostHoldRequest.full(IdempotencyKey.of(key + ":post"), hold, "delivered"));
                n++;
              }
            }
            return n;
          }));
        }
        for (Future<Long> f : redeemed) {
          redemptions += f.get();
        }
        Instant close = m.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();
        clock.set(close.plusSeconds(1));
        engine.closePeriod(close);
        m = m.plusMonths(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the history", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("recording the history failed", e.getCause());
    } finally {
      loaders.shutdownNow();
    }
    InsightsBackend.Kept loadedNow = new InsightsBackend.Kept(Duration.ofNanos(System.nanoTime() - loading),
        redemptions);
    backend.keep(size.partners(), size.months(), loadedNow);
    return new Loaded(backend, engine, loadedNow.load(), redemptions, false);
  }

  /**
   * What the year's headline figures cost as plain SQL straight from the ledger's tables: the
   * wallets' outstanding points at the period's end, and every wallet's posted points before and in
   * the period (one {@code GROUP BY}). A floor for the KPIs, which read more (kinds of movement,
   * the journal, tiers); the outstanding points must agree.
   */
  private void sqlBaseline(HikariDataSource db, Program program, DateRange period, ProgramKpis kpis) {
    String wallets = program.accounts().prefix() + ":wallet:%";
    BigDecimal start = nanos(period.start(ZONE));
    BigDecimal end = nanos(period.end(ZONE));
    // each entry carries its transaction's effective time (the ledger's schema version 6)
    Timed outstanding = time(size.warmRuns(), () -> sql(db, "SELECT COALESCE(sum(amount), 0) FROM ledger_account_entry"
        + " WHERE account_id LIKE ? AND amount <> 0 AND effective_at_ns < ?", wallets, end));
    Timed perWallet = time(size.warmRuns(), () -> sql(db, "SELECT count(*) FROM (SELECT account_id,"
        + " sum(amount) FILTER (WHERE effective_at_ns < ?) AS opening,"
        + " sum(amount) FILTER (WHERE effective_at_ns >= ?) AS flow FROM ledger_account_entry"
        + " WHERE account_id LIKE ? AND amount <> 0 AND effective_at_ns < ? GROUP BY account_id) w",
        start, start, wallets, end));
    if (((Number) outstanding.result()).longValue() != kpis.points().outstandingAtEnd()) {
      throw new IllegalStateException("plain SQL says " + outstanding.result() + " points are outstanding; the KPIs say "
          + kpis.points().outstandingAtEnd());
    }
    out.printf(Locale.ROOT, "%nPlain SQL baseline on the ledger's tables (PostgreSQL): the wallets' outstanding points"
        + " at the period's end, cold %,.0f ms, warm p50 %,.0f ms (equal to the KPIs'); every wallet's opening and"
        + " in-period points, one GROUP BY over %s wallets, cold %,.0f ms, warm p50 %,.0f ms.%n",
        outstanding.coldNanos() / 1e6, outstanding.warm(0.5) / 1e6, perWallet.result(), perWallet.coldNanos() / 1e6,
        perWallet.warm(0.5) / 1e6);
  }

  private static BigDecimal nanos(Instant t) {
    return BigDecimal.valueOf(t.getEpochSecond()).multiply(BigDecimal.valueOf(1_000_000_000L))
        .add(BigDecimal.valueOf(t.getNano()));
  }

  private static Object sql(HikariDataSource db, String sql, Object... parameters) {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The clock a history import runs on: set to each activity's time as it is recorded. Not thread-safe. */
  private static final class HistoryClock extends Clock {
    private volatile Instant now;

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

  /** A call's first (cold) time, its warm times sorted, and its result. */
  private record Timed(Object result, long coldNanos, long[] warmNanos) {
    /** The warm time at quantile {@code q} (nearest rank); 0.5 the median, 1 the slowest. */
    long warm(double q) {
      int rank = (int) Math.ceil(q * warmNanos.length);
      return warmNanos[Math.max(0, rank - 1)];
    }
  }

  private static Timed time(int warmRuns, Supplier<Object> call) {
    long t0 = System.nanoTime();
    Object result = call.get();
    long cold = System.nanoTime() - t0;
    long[] warm = new long[warmRuns];
    for (int i = 0; i < warmRuns; i++) {
      long s = System.nanoTime();
      call.get();
      warm[i] = System.nanoTime() - s;
    }
    Arrays.sort(warm);
    return new Timed(result, cold, warm);
  }
}
