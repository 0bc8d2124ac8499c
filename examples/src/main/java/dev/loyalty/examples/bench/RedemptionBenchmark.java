package dev.loyalty.examples.bench;

import static dev.loyalty.examples.bench.BenchReport.collectors;
import static dev.loyalty.examples.bench.BenchReport.commandLine;
import static dev.loyalty.examples.bench.BenchReport.gcShare;
import static dev.loyalty.examples.bench.BenchReport.jvm;
import static dev.loyalty.examples.bench.BenchReport.machine;
import static dev.loyalty.examples.bench.BenchReport.osAndCpu;
import static dev.loyalty.examples.bench.BenchReport.settleHeap;
import static dev.loyalty.examples.bench.BenchReport.us;

import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.CatalogLoader;
import dev.loyalty.core.rewards.CatalogVersions;
import dev.loyalty.core.rewards.FulfilmentPort;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rewards.Rewards;
import dev.loyalty.core.rewards.Shipment;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.examples.bench.BenchRunner.Measured;
import dev.loyalty.examples.bench.BenchRunner.Phases;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.TransferRequest;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Redemptions per second through {@code engine.rewards()}, beside plain ledger commands on the
 * same wallets in the same run: what redemption costs over the ledger it writes to.
 *
 * <p>Setup, fresh for every run: the sample program of core's tests, a distributor with 200
 * dealers of 2 reps each ({@link EngineChannel}), every rep's wallet funded with 10,000,000 points,
 * and a catalog of two items at 500 points: an e-voucher whose codes come from a pool loaded with
 * a code per redemption the run can make, and goods (a smartwatch with 10,000,000 in stock).
 * Scenarios, each with 1 and 8 threads, every thread redeeming for its own reps:
 * <ul>
 *   <li><b>pool code</b>: one {@code redeem} of the voucher: stock reserved and taken, a code
 *       claimed, the points held and posted, the redemption filed and saved twice, one event;
 *   <li><b>goods</b>: {@code redeem} of the watch (held, {@code ORDERED}) then {@code ship} (posted):
 *       one operation, two calls;
 *   <li><b>ledger transfer</b>: one wallet-to-clearing transfer of 500 points (the baseline);
 *   <li><b>ledger hold+post</b>: the ledger's part of a redemption alone.
 * </ul>
 * Latency is {@link System#nanoTime()} around the calls; exact percentiles. After each run the
 * ledger's trial balance and hash chain are checked, and every redemption, the stock, the codes
 * left and every wallet must be what the run did, or the run fails.
 *
 * <p>Backends: {@link #BACKENDS}, each in its own rows with its own ledger-transfer baseline: in
 * memory, and every store in an embedded PostgreSQL (durable: fsync on; see {@link
 * RedemptionBackend#postgres()}).
 *
 * <p>Run it from the repository root (each run at most 2 minutes: about half an hour on 2 cores;
 * {@code --quick}, about 5 minutes):
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.RedemptionBenchmark
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.RedemptionBenchmark -Dexec.args="--quick"
 * </pre>
 */
public final class RedemptionBenchmark {

  private static final String COMMAND = "mvn -q test-compile exec:java -Ddemo.main="
      + RedemptionBenchmark.class.getName();
  /** The backends measured, each in its own rows. */
  static final List<RedemptionBackend> BACKENDS = List.of(RedemptionBackend.inMemory(), RedemptionBackend.postgres());
  private static final int DEALERS = 200;
  private static final long FUNDS = 10_000_000;
  private static final long PRICE = 500;
  private static final String POOL = "bench-vouchers";
  private static final CatalogItemId VOUCHER = CatalogItemId.of("VOUCHER");
  private static final CatalogItemId WATCH = CatalogItemId.of("WATCH");
  private static final Instant NOW = Instant.parse("2026-10-01T00:00:00Z");
  private static final String CATALOG = """
      { "program": "acme-2026", "version": "bench", "defaultLocale": "en-IN",
        "items": [
          { "id": "VOUCHER", "kind": "e-voucher", "points": 500, "texts": { "en": { "name": "Voucher" } },
            "codes": { "pool": "bench-vouchers" } },
          { "id": "WATCH", "kind": "merchandise", "points": 500, "texts": { "en": { "name": "Smartwatch" } },
            "stock": 10000000 }
        ] }
      """;

  /** How much each run does; the quick settings trade precision for a short run. */
  record Settings(String name, int jitWarmup, int warmup, int measure, Duration phaseTimeLimit) {
    static final Settings FULL = new Settings("full", 30_000, 10_000, 60_000, Duration.ofSeconds(60));
    static final Settings QUICK = new Settings("quick", 3_000, 1_000, 4_000, Duration.ofSeconds(15));
  }

  /** What one operation of a scenario does. */
  enum Scenario {
    POOL_CODE("pool code", 1), GOODS("goods (redeem + ship)", 2), TRANSFER("ledger transfer", 1),
    HOLD_POST("ledger hold+post", 2);

    final String label;
    final int calls;

    Scenario(String label, int calls) {
      this.label = label;
      this.calls = calls;
    }

    boolean redeems() {
      return this == POOL_CODE || this == GOODS;
    }
  }

  /** One measured run. */
  record Row(String backend, Scenario scenario, int threads, Measured measured) {}

  private final PrintStream out;
  private final Settings settings;
  private final String command;
  private final Program program = ChannelFixture.program(300);
  private final InMemoryPartnerDirectory directory = PartnerDirectory.inMemory();
  private final List<MemberId> reps = new ArrayList<>();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final List<Row> rows = new ArrayList<>();

  RedemptionBenchmark(PrintStream out, Settings settings, String command) {
    this.out = out;
    this.settings = settings;
    this.command = command;
    for (PartnerId dealer : EngineChannel.addDealers(directory, DEALERS, d -> "north")) {
      for (int r = 1; r <= EngineChannel.REPS_PER_DEALER; r++) {
        reps.add(EngineChannel.rep(dealer, r));
      }
    }
  }

  /** Arguments: {@code --quick} for a short run; {@code --help}. */
  public static void main(String[] args) {
    Optional<Boolean> quick = BenchReport.quickOrFull(args, COMMAND, "about 5 minutes: fewer redemptions per run, "
        + "figures not to be quoted", "the default: each run at most 2 minutes, about half an hour on 2 cores");
    if (quick.isEmpty()) {
      return;
    }
    new RedemptionBenchmark(System.out, quick.get() ? Settings.QUICK : Settings.FULL, commandLine(COMMAND, args))
        .run(BACKENDS);
  }

  void run(List<RedemptionBackend> backends) {
    long started = System.nanoTime();
    out.println("Redemption benchmark (" + settings.name() + "): " + command);
    out.println("JVM: " + jvm() + "; collectors: " + collectors() + "; " + osAndCpu() + "; " + machine());
    for (RedemptionBackend backend : backends) {
      try (backend) {
        if (settings.jitWarmup() > 0) {
          warmUpJit(backend);
        }
        for (int threads : List.of(1, 8)) {
          for (Scenario scenario : Scenario.values()) {
            rows.add(measure(backend, scenario, threads));
          }
        }
      }
    }
    printSummary(System.nanoTime() - started);
  }

  /** Runs each scenario on a throwaway engine, up to the JIT warm-up's operations or a phase's time limit. */
  private void warmUpJit(RedemptionBackend backend) {
    long start = System.nanoTime();
    List<String> done = new ArrayList<>();
    for (Scenario scenario : Scenario.values()) {
      Bench bench = new Bench(backend, 1, settings.jitWarmup());
      Worker worker = bench.worker(scenario, 0, 1);
      Tally discard = Tally.discarding();
      long until = System.nanoTime() + settings.phaseTimeLimit().toNanos();
      for (int i = 0; i < settings.jitWarmup() && System.nanoTime() < until; i++) {
        worker.operate(discard);
      }
      done.add(String.format(Locale.ROOT, "%,d", worker.done()));
    }
    out.printf(Locale.ROOT, "%nJIT warm-up (%s): %s operations of the scenarios on throwaway engines in %.1f s.%n",
        backend.name(), String.join(" / ", done), (System.nanoTime() - start) / 1e9);
  }

  private Row measure(RedemptionBackend backend, Scenario scenario, int threads) {
    settleHeap();
    int operations = settings.warmup() + settings.measure();
    Bench bench = new Bench(backend, threads, operations);
    Phases phases = new Phases(settings.phaseTimeLimit(), settings.phaseTimeLimit(), settings.warmup(),
        settings.measure()).perThreads(threads);
    List<Worker> workers = new ArrayList<>();
    Measured measured = BenchRunner.run(scenario.name().toLowerCase(Locale.ROOT) + "-" + threads, threads, phases,
        t -> {
          Worker w = bench.worker(scenario, t, threads);
          workers.add(w);
          return w;
        });
    String check = bench.check(scenario, workers);
    out.printf(Locale.ROOT, "%n%s, %s, %d thread%s: %,.0f operations/s (%,.0f calls/s); p50 %s us, p99 %s us; GC %.0f%%"
            + "%n  %s%n", backend.name(), scenario.label, threads, threads == 1 ? "" : "s",
        measured.operationsPerSecond(), measured.operationsPerSecond() * scenario.calls, us(measured.totals().latency
            .p50()), us(measured.totals().latency.p99()), gcShare(measured), check);
    return new Row(backend.name(), scenario, threads, measured);
  }

  private void printSummary(long nanos) {
    out.printf(Locale.ROOT, "%n| Backend | Scenario | Threads | operations/s | calls/s | p50 µs | p90 µs | p99 µs "
        + "| p99.9 µs | max µs | GC pauses | ops/s vs ledger transfer |%n");
    out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Row row : rows) {
      Measured m = row.measured();
      double transfer = rows.stream().filter(r -> r.backend().equals(row.backend()) && r.threads() == row.threads()
          && r.scenario() == Scenario.TRANSFER).findFirst().orElseThrow().measured().operationsPerSecond();
      out.printf(Locale.ROOT, "| %s | %s | %d | %,.0f | %,.0f | %s | %s | %s | %s | %s | %.0f%% | %.2f |%n",
          row.backend(), row.scenario().label, row.threads(), m.operationsPerSecond(), m.operationsPerSecond()
              * row.scenario().calls, us(m.totals().latency.p50()), us(m.totals().latency.p90()),
          us(m.totals().latency.p99()), us(m.totals().latency.p999()), us(m.totals().latency.max()), gcShare(m),
          m.operationsPerSecond() / transfer);
    }
    out.printf(Locale.ROOT, "%nDone in %.0f s.%n", nanos / 1e9);
  }

  /** One thread's operations of a scenario. */
  interface Worker extends BenchRunner.Worker {
    /** How many operations it did. */
    int done();
  }

  /** A fresh engine for one run, its reps funded and its code pool loaded. */
  final class Bench {
    final LoyaltyEngine engine;
    final Rewards rewards;
    final Ledger ledger;
    final AccountId clearing;
    final int codes;

    Bench(RedemptionBackend backend, int threads, int operations) {
      CatalogVersions catalogs = CatalogVersions.inMemory(CatalogLoader.fromJson(CATALOG, program));
      engine = backend.engine(program, directory, clock, catalogs, FulfilmentPort.manual());
      rewards = engine.rewards();
      ledger = engine.ledger();
      clearing = program.accounts().redemptionClearing();
      AccountId issuance = program.accounts().issuance();
      List<TransferRequest> funding = new ArrayList<>();
      for (MemberId rep : reps) {
        AccountId wallet = program.accounts().wallet(rep);
        ledger.openAccount(wallet, AccountType.WALLET);
        funding.add(TransferRequest.of(IdempotencyKey.of("bench:fund:" + rep), "bench-funding",
            Entry.debit(issuance, FUNDS), Entry.credit(wallet, FUNDS, Expiry.never())));
      }
      // in one call: on PostgreSQL a few transactions rather than one per wallet
      ledger.executeAll(funding).forEach(result -> require(result.isAccepted(), "funding refused: " + result));
      List<String> pool = new ArrayList<>(operations + threads);
      for (int i = 0; i < operations + threads; i++) {
        pool.add("CODE-" + i);
      }
      codes = rewards.loadCodes(POOL, pool);
    }

    /** Thread {@code t} of {@code threads}: it redeems for every {@code threads}-th rep from the {@code t}-th. */
    Worker worker(Scenario scenario, int t, int threads) {
      List<MemberId> mine = new ArrayList<>();
      for (int i = t; i < reps.size(); i += threads) {
        mine.add(reps.get(i));
      }
      return new Worker() {
        private int n;

        @Override
        public void operate(Tally tally) {
          MemberId rep = mine.get(n % mine.size());
          String id = "B-" + t + "-" + n;
          long start = System.nanoTime();
          Tally.Kind kind = switch (scenario) {
            case POOL_CODE -> {
              rewards.redeem(RedemptionRequest.byMember(RedemptionId.of(id), rep, VOUCHER));
              yield Tally.Kind.REDEEM_CODE;
            }
            case GOODS -> {
              Redemption ordered = rewards.redeem(RedemptionRequest.byMember(RedemptionId.of(id), rep, WATCH));
              rewards.ship(ordered.id(), Shipment.of("Blue Dart", "BD-" + id));
              yield Tally.Kind.REDEEM_SHIP;
            }
            case TRANSFER -> {
              ledger.transfer(TransferRequest.of(IdempotencyKey.of("bench:" + id), "redemption",
                  Entry.debit(program.accounts().wallet(rep), PRICE), Entry.credit(clearing, PRICE)));
              yield Tally.Kind.TRANSFER;
            }
            case HOLD_POST -> {
              HoldId hold = ledger.hold(HoldRequest.of(IdempotencyKey.of("bench:" + id + ":hold"),
                  program.accounts().wallet(rep), clearing, PRICE, "redemption"));
              ledger.postHold(PostHoldRequest.full(IdempotencyKey.of("bench:" + id + ":post"), hold, "redemption"));
              yield Tally.Kind.HOLD_POST;
            }
          };
          tally.record(kind, System.nanoTime() - start);
          tally.commands += scenario.calls;
          n++;
        }

        @Override
        public int done() {
          return n;
        }
      };
    }

    /**
     * Checks the run: the ledger balances and its chain holds; every wallet paid 500 points per
     * operation; for redemptions, each is in the state its scenario ends in, and the stock and
     * codes went down by one per redemption.
     *
     * @throws IllegalStateException if anything does not add up
     */
    String check(Scenario scenario, List<Worker> workers) {
      long operations = workers.stream().mapToLong(Worker::done).sum();
      require(ledger.trialBalance().isBalanced(), "the trial balance does not balance");
      require(ledger.verify().intact(), "the hash chain is broken");
      long paid = 0;
      long redemptions = 0;
      for (MemberId rep : reps) {
        paid += FUNDS - ledger.balance(program.accounts().wallet(rep)).posted();
        for (Redemption r : rewards.redemptionsOf(rep)) {
          RedemptionStatus expected = scenario == Scenario.POOL_CODE ? RedemptionStatus.FULFILLED
              : RedemptionStatus.SHIPPED;
          require(r.status() == expected, "redemption " + r.id() + " is " + r.status() + ", not " + expected);
          redemptions++;
        }
      }
      require(paid == operations * PRICE, "the wallets paid " + paid + " points for " + operations + " operations");
      require(ledger.balance(clearing).posted() == paid, "the clearing account holds "
          + ledger.balance(clearing).posted() + ", not " + paid);
      if (!scenario.redeems()) {
        return String.format(Locale.ROOT, "checked: %,d operations, %,d points paid, ledger balanced and chained",
            operations, paid);
      }
      require(redemptions == operations, redemptions + " redemptions for " + operations + " operations");
      CatalogItemId item = scenario == Scenario.POOL_CODE ? VOUCHER : WATCH;
      require(rewards.stock(item).used() == operations && rewards.stock(item).reserved() == 0,
          "stock of " + item + " is " + rewards.stock(item));
      if (scenario == Scenario.POOL_CODE) {
        require(rewards.codesLeft(POOL) == codes - operations, rewards.codesLeft(POOL) + " codes left of " + codes);
      }
      return String.format(Locale.ROOT, "checked: %,d redemptions %s, %,d points paid, stock and codes add up, ledger "
          + "balanced and chained", redemptions, scenario == Scenario.POOL_CODE ? "fulfilled" : "shipped", paid);
    }

    private static void require(boolean ok, String problem) {
      if (!ok) {
        throw new IllegalStateException("redemption benchmark: " + problem);
      }
    }
  }
}
