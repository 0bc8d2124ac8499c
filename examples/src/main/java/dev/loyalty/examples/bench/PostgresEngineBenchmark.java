package dev.loyalty.examples.bench;

import static dev.loyalty.examples.bench.BenchReport.collectors;
import static dev.loyalty.examples.bench.BenchReport.commandLine;
import static dev.loyalty.examples.bench.BenchReport.gcShare;
import static dev.loyalty.examples.bench.BenchReport.jvm;
import static dev.loyalty.examples.bench.BenchReport.machine;
import static dev.loyalty.examples.bench.BenchReport.osAndCpu;
import static dev.loyalty.examples.bench.BenchReport.percent;
import static dev.loyalty.examples.bench.BenchReport.settleHeap;
import static dev.loyalty.examples.bench.BenchReport.us;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.jdbc.JdbcPartnerDirectory;
import dev.loyalty.core.jdbc.PostgresStores;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.examples.bench.BenchRunner.Measured;
import dev.loyalty.examples.bench.BenchRunner.Phases;
import dev.loyalty.examples.bench.LatencyRecorder.Summary;
import dev.loyalty.rules.DroolsRuleEngine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link LoyaltyEngine#record} with every store in PostgreSQL ({@code postgres(dataSource)}: each
 * activity one durable transaction with its journal entry, ledger transaction, figures, tier
 * standing and events), on loyalty-rules' ready-made program through its hand-written Java twin
 * and through Drools, with 1, 4 and 8 threads on disjoint dealers; beside, in the same run and on
 * the same activities, the in-memory engine (the twin) and a naive JDBC baseline that inserts a
 * receipt row and updates one balance row per activity in one committed transaction. The server is
 * an embedded PostgreSQL with its data on this machine's disk and durable settings (fsync and
 * synchronous_commit on), started by the benchmark.
 *
 * <p>After the runs, a profile of one thread's activities on PostgreSQL says where the time goes:
 * round trips and commits per activity (counted on the connections), the statements by server
 * time (pg_stat_statements), rows written and WAL per activity, beside the baseline's.
 *
 * <p>Checks: after each PostgreSQL run its ledger balances and its hash chain verifies, every
 * activity of the streams has a complete receipt, and every wallet equals the in-memory engine's
 * on the same activities. A disagreement fails the run.
 *
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.PostgresEngineBenchmark
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.PostgresEngineBenchmark -Dexec.args="--quick"
 * </pre>
 */
public final class PostgresEngineBenchmark {

  private static final String COMMAND = "mvn -q test-compile exec:java -Ddemo.main="
      + PostgresEngineBenchmark.class.getName();
  private static final int DEALERS = 200;
  private static final long SEED = 20_261_215L;
  private static final long LARGE_BUDGET = 1_000_000_000_000L;
  private static final double TARGET = 1_000;
  private static final int[] THREADS = {1, 4, 8};
  /**
   * Connections of the default runs: three per processor (the server and this JVM share them), as
   * docs/ENGINE.md advises; with more threads than that, a thread waits for a connection rather
   * than adding one more backend to those the processors already switch between. {@code --pools}
   * measures other sizes (with 8 threads on 2 processors, 12 connections did 22-23% fewer
   * activities/s with the twin than 6 or 4: docs/BENCHMARKS.md).
   */
  private static final int DEFAULT_POOL = Math.max(4, 3 * Runtime.getRuntime().availableProcessors());

  /**
   * How much each run does.
   *
   * @param perRun  activities of one run (warm-up and measured), shared by its threads
   * @param warmup  of which warm-up
   * @param profile activities of the one-thread profile
   */
  private record Settings(String name, int jitWarmup, int perRun, int warmup, int profile, Duration phaseTimeLimit) {
    static final Settings FULL = new Settings("full", 20_000, 16_000, 4_000, 2_000, Duration.ofSeconds(60));
    static final Settings QUICK = new Settings("quick", 3_000, 1_600, 400, 300, Duration.ofSeconds(20));
    static final Settings PROBE = new Settings("probe", 3_000, 0, 0, 2_000, Duration.ofSeconds(20));
  }

  /** One measured configuration at one thread count. */
  private record Row(String what, int threads, Measured measured, double others) {
  }

  private final PrintStream out;
  private final Settings settings;
  private final String command;
  private final StandardChannel channel = new StandardChannel(DEALERS);
  private final Program program = StandardChannel.program(LARGE_BUDGET);
  private final StandardProgramJava java = new StandardProgramJava(StandardChannel.VERSION);
  private final List<Row> rows = new ArrayList<>();
  private DroolsRuleEngine drools;
  /** The server of the run, for pools of other sizes ({@link #pools}). */
  private EmbeddedPostgres server;
  /** The run's default pool, from which the wait sampler takes its connection (not the engine's). */
  private DataSource samplerPool;

  private PostgresEngineBenchmark(PrintStream out, Settings settings, String command) {
    this.out = out;
    this.settings = settings;
    this.command = command;
  }

  /**
   * Arguments: {@code --quick} for a short run that checks the harness; {@code --probe} for only
   * the one-thread twin's CPU per activity (client and server) and the profile, no thread runs;
   * {@code --pools 12,8,6,4} for only the 8-thread runs (twin and Drools) with pools of those sizes
   * (with {@code --quick}, short ones);
   * {@code --help}.
   */
  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--probe")) {
      new PostgresEngineBenchmark(System.out, Settings.PROBE, commandLine(COMMAND, args)).probe();
      return;
    }
    int pools = List.of(args).indexOf("--pools");
    if (pools >= 0 && pools + 1 < args.length) {
      int[] sizes = Arrays.stream(args[pools + 1].split(",")).mapToInt(Integer::parseInt).toArray();
      Settings size = List.of(args).contains("--quick") ? Settings.QUICK : Settings.FULL;
      new PostgresEngineBenchmark(System.out, size, commandLine(COMMAND, args)).pools(sizes);
      return;
    }
    Optional<Boolean> quick = BenchReport.quickOrFull(args, COMMAND, "a minute or two: few activities per run, "
        + "figures not to be quoted", "the default: about ten minutes on 2 cores");
    if (quick.isEmpty()) {
      return;
    }
    new PostgresEngineBenchmark(System.out, quick.get() ? Settings.QUICK : Settings.FULL, commandLine(COMMAND, args))
        .run();
  }

  /** What runs on the started, migrated and warmed-up server. */
  @FunctionalInterface
  private interface OnServer {
    void run(HikariDataSource pool) throws Exception;
  }

  /** Starts the server with pg_stat_statements, migrates, sets the baseline up and warms the JIT, then {@code work}. */
  private void onServer(OnServer work) throws Exception {
    Map<String, String> profiling = Map.of("shared_preload_libraries", "pg_stat_statements",
        "pg_stat_statements.track_planning", "on");
    try (EmbeddedPostgres pg = JdbcBench.server(true, profiling);
        HikariDataSource pool = pool(pg, DEFAULT_POOL)) {
      server = pg;
      samplerPool = pool;
      printEnvironment(pool);
      PostgresStores.on(pool).migrate();
      execute(pool, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      setUpNaive(pool);
      drools = StandardChannel.drools();
      warmUpJit(pool);
      work.run(pool);
    }
  }

  private void run() throws Exception {
    long started = System.nanoTime();
    onServer(pool -> {
      for (int threads : THREADS) {
        section(threads + " thread" + (threads == 1 ? "" : "s") + ", disjoint dealers");
        List<List<Activity>> streams = StandardWorkload.streams("pg-" + threads, channel, threads,
            settings.perRun() / threads, SEED + threads);
        EngineChannel.Engine memory = channel.engine(program, java);
        Measured inMemory = measure("in-memory engine, Java twin", threads, streams, memory.engine());
        Map<ParticipantId, Long> expected = memory.walletBalances();
        measure("naive JDBC (receipt row + balance row)", threads, streams, new NaiveBaseline(pool));
        Measured twin = onPostgres("PostgreSQL engine, Java twin", threads, streams, pool, java, expected);
        onPostgres("PostgreSQL engine, Drools", threads, streams, pool, drools, expected);
        out.printf(Locale.ROOT, "  the PostgreSQL engine (twin) does %.1f%% of the in-memory engine's activities/s%n",
            100 * twin.operationsPerSecond() / inMemory.operationsPerSecond());
      }
      section("Where the time goes (1 thread, Java twin on PostgreSQL, " + settings.profile() + " activities)");
      String profile = profile(pool);
      printSummary(profile, System.nanoTime() - started);
    });
  }

  /**
   * The one-thread twin only: rounds of {@link Settings#profile} activities on an emptied
   * database without the counting proxies, each printing this JVM's CPU and the server's CPU per
   * activity (the server's processes counted alone, so other load on the machine does not count),
   * then the profile. Compare two builds run one after the other.
   */
  private void probe() throws Exception {
    onServer(pool -> {
      ServerCpu server = ServerCpu.of(pool);
      Map<String, long[]> tablesBefore = Map.of();
      for (int round = 1; round <= 5; round++) {
        List<Activity> stream = StandardWorkload.streams("probe" + round, channel, 1, settings.profile(),
            SEED + 7 * round).get(0);
        empty(pool);
        channel.enrol(JdbcPartnerDirectory.using(pool));
        LoyaltyEngine engine = LoyaltyEngine.builder(program, java).postgres(pool).clock(channel.clock)
            .listener("bench", e -> { }).build();
        tablesBefore = rowsByTable(pool);
        settleHeap();
        long serverBefore = server.nanos();
        BenchReport.CpuSample before = BenchReport.CpuSample.now();
        long threadBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        stream.forEach(engine::record);
        long thread = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadBefore;
        BenchReport.CpuSample after = BenchReport.CpuSample.now();
        long serverNanos = server.nanos() - serverBefore;
        int n = stream.size();
        out.printf(Locale.ROOT, "round %d: %,d activities, CPU per activity: client %,.0f µs (the recording "
            + "thread %,.0f µs), server %,.0f µs, wall %,.0f µs; load %s%n", round, n,
            after.processNanosSince(before) / 1e3 / n, thread / 1e3 / n, serverNanos / 1e3 / n,
            (after.wallNanos() - before.wallNanos()) / 1e3 / n, LoadAverage.all());
      }
      out.printf(Locale.ROOT, "%nRows per activity by table in the last round (inserted / updated (of which HOT) / "
          + "deleted):%n");
      Map<String, long[]> tablesAfter = rowsByTable(pool);
      for (Map.Entry<String, long[]> t : tablesAfter.entrySet()) {
        long[] a = t.getValue();
        long[] b = tablesBefore.getOrDefault(t.getKey(), new long[a.length]);
        if (a[0] != b[0] || a[1] != b[1] || a[3] != b[3]) {
          out.printf(Locale.ROOT, "  %-32s %5.2f / %5.2f (%5.2f) / %5.2f%n", t.getKey(),
              (a[0] - b[0]) / (double) settings.profile(), (a[1] - b[1]) / (double) settings.profile(),
              (a[2] - b[2]) / (double) settings.profile(), (a[3] - b[3]) / (double) settings.profile());
        }
      }
      section("Where the time goes (1 thread, Java twin on PostgreSQL, " + settings.profile() + " activities)");
      profile(pool); // prints its table and statements
    });
  }

  /**
   * Only the 8-thread runs of the engine on PostgreSQL (the twin, then Drools), once per pool size
   * in {@code sizes}, on the same activities and server: how far the connections an application
   * gives the engine bound the activities running in the database at once, and what that does on
   * this machine. With fewer connections than threads, a thread waits for one (it holds no lock of
   * the database meanwhile; it has its partner's lock in this JVM).
   */
  private void pools(int[] sizes) throws Exception {
    long started = System.nanoTime();
    onServer(defaultPool -> {
      int threads = THREADS[THREADS.length - 1];
      List<List<Activity>> streams = StandardWorkload.streams("pg-" + threads, channel, threads,
          settings.perRun() / threads, SEED + threads);
      EngineChannel.Engine memory = channel.engine(program, java);
      measure("in-memory engine, Java twin", threads, streams, memory.engine());
      Map<ParticipantId, Long> expected = memory.walletBalances();
      measure("naive JDBC (receipt row + balance row)", threads, streams, new NaiveBaseline(defaultPool));
      for (int size : sizes) {
        section(threads + " threads, a pool of " + size + " connections");
        try (HikariDataSource sized = pool(server, size)) {
          onPostgres("PostgreSQL engine, Java twin, pool " + size, threads, streams, sized, java, expected);
          onPostgres("PostgreSQL engine, Drools, pool " + size, threads, streams, sized, drools, expected);
        }
      }
      section("Summary (Markdown)");
      out.println();
      out.println("| Run (8 threads) | activities/s | p50 µs | p99 µs | max µs | others used |");
      out.println("|---|---:|---:|---:|---:|---:|");
      for (Row r : rows) {
        Summary l = r.measured().totals().latency;
        out.printf(Locale.ROOT, "| %s | %,.0f | %s | %s | %s | %s |%n", r.what(), r.measured().operationsPerSecond(),
            us(l.p50()), us(l.p99()), us(l.max()), percent(r.others()));
      }
      out.println("- Command: `" + command + "`");
      out.printf(Locale.ROOT, "%nTotal time %.0f s.%n", (System.nanoTime() - started) / 1e9);
    });
  }

  /** Rows inserted, updated, HOT-updated and deleted so far, by table. */
  private static Map<String, long[]> rowsByTable(DataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_sleep(0.6)"); // the statistics collector reports with a delay
      s.execute("SELECT pg_stat_clear_snapshot()");
      Map<String, long[]> out = new java.util.TreeMap<>();
      try (ResultSet rs = s.executeQuery("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del "
          + "FROM pg_stat_user_tables")) {
        while (rs.next()) {
          out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
        }
      }
      return out;
    }
  }

  /** CPU time of the PostgreSQL server's processes (the postmaster and its children), read from /proc. */
  private record ServerCpu(long postmaster) {
    static ServerCpu of(DataSource pool) throws SQLException {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        return new ServerCpu(Long.parseLong(stat(rs.getLong(1))[1]));
      }
    }

    /** utime + stime of the postmaster, its children living and those it waited for, in nanoseconds. */
    long nanos() {
      long ticks = 0;
      try (var dirs = Files.list(Path.of("/proc"))) {
        for (Path dir : (Iterable<Path>) dirs::iterator) {
          String name = dir.getFileName().toString();
          if (!name.chars().allMatch(Character::isDigit)) {
            continue;
          }
          long pid = Long.parseLong(name);
          try {
            String[] f = stat(pid);
            if (pid == postmaster) {
              ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } else if (Long.parseLong(f[1]) == postmaster) {
              ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
          } catch (RuntimeException gone) {
            // the process ended meanwhile: its time is in the postmaster's waited-for children
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read /proc: " + e.getMessage(), e);
      }
      return ticks * 10_000_000L;
    }

    /** The fields of /proc/pid/stat after the command's name: [0] state, [1] ppid, [11] utime, [12] stime ... */
    private static String[] stat(long pid) {
      try {
        String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return line.substring(line.lastIndexOf(')') + 2).split(" ");
      } catch (IOException e) {
        throw new IllegalStateException("no process " + pid, e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Runs

  private Phases phases(int threads) {
    return new Phases(settings.phaseTimeLimit(), settings.phaseTimeLimit(), settings.warmup(),
        settings.perRun() - settings.warmup()).perThreads(threads);
  }

  private Measured measure(String what, int threads, List<List<Activity>> streams, LoyaltyEngine engine) {
    List<EngineWorker> workers = new ArrayList<>();
    Measured m = run(what, threads, t -> add(workers, new EngineWorker(engine, streams.get(t))));
    workers.forEach(EngineWorker::catchUp);
    return m;
  }

  private Measured measure(String what, int threads, List<List<Activity>> streams, NaiveBaseline naive) {
    naive.reset();
    return run(what, threads, t -> new NaiveWorker(naive, streams.get(t)));
  }

  private Measured run(String what, int threads, java.util.function.IntFunction<BenchRunner.Worker> workers) {
    settleHeap();
    BenchReport.CpuSample before = BenchReport.CpuSample.now();
    Measured m = BenchRunner.run(what.replace(' ', '-'), threads, phases(threads), workers);
    double others = BenchReport.CpuSample.now().othersSince(before);
    rows.add(new Row(what, threads, m, others));
    printFigures(what, m, others);
    return m;
  }

  /** A run of the engine with every store in PostgreSQL, on emptied tables, checked against the in-memory run. */
  private Measured onPostgres(String what, int threads, List<List<Activity>> streams, DataSource pool,
      RuleEngine rules, Map<ParticipantId, Long> expected) throws SQLException {
    empty(pool);
    channel.enrol(JdbcPartnerDirectory.using(pool));
    LongAdder events = new LongAdder();
    LoyaltyEngine engine = LoyaltyEngine.builder(program, rules).postgres(pool).directory(JdbcPartnerDirectory
        .using(pool)).clock(channel.clock).listener("bench", e -> events.increment()).build();
    Measured m;
    if (threads == THREADS[THREADS.length - 1] && rules == java) {
      WaitSampler waits = new WaitSampler(samplerPool);
      try (waits) {
        m = measure(what, threads, streams, engine);
      }
      out.println("  what the database's client backends were doing, sampled every 5 ms (pg_stat_activity):");
      waits.top(12).forEach(line -> out.println("    " + line));
    } else {
      m = measure(what, threads, streams, engine);
    }
    engine.deliverEvents(); // a flush: the engine's delivery thread may still be handing over the last events
    EngineChannel.Engine checked = new EngineChannel.Engine(engine, events);
    String ledger = checked.checkLedger();
    long receipts = streams.stream().flatMap(List::stream).filter(a -> engine.receipt(a.id()).isPresent()).count();
    long activities = streams.stream().mapToLong(List::size).sum();
    boolean same = checked.walletBalances().equals(expected);
    out.printf(Locale.ROOT, "  %s; %,d of %,d activities have a receipt; wallets %s the in-memory engine's; %,d events "
        + "delivered%n", ledger, receipts, activities, same ? "equal" : "DIFFER FROM", events.sum());
    if (!same || receipts != activities) {
      throw new IllegalStateException(what + " with " + threads + " threads does not agree with the in-memory engine");
    }
    return m;
  }

  private static <T> T add(List<T> list, T item) {
    list.add(item);
    return item;
  }

  private void warmUpJit(HikariDataSource pool) throws SQLException {
    long start = System.nanoTime();
    List<Activity> stream = StandardWorkload.streams("jit", channel, 1, settings.jitWarmup(), SEED - 1).get(0);
    LoyaltyEngine withJava = channel.engine(program, java).engine();
    LoyaltyEngine withDrools = channel.engine(program, drools).engine();
    stream.forEach(a -> {
      withJava.record(a);
      withDrools.record(a);
    });
    empty(pool);
    channel.enrol(JdbcPartnerDirectory.using(pool));
    LoyaltyEngine onPostgres = LoyaltyEngine.builder(program, java).postgres(pool).clock(channel.clock).build();
    stream.subList(0, Math.min(stream.size(), settings.jitWarmup() / 5)).forEach(onPostgres::record);
    NaiveBaseline naive = new NaiveBaseline(pool);
    naive.reset();
    stream.subList(0, Math.min(stream.size(), settings.jitWarmup() / 5)).forEach(naive::apply);
    out.printf(Locale.ROOT, "%nJIT warm-up: %,d activities in memory with each rule engine, %,d on PostgreSQL and "
        + "through the baseline, in %.1f s.%n", stream.size(), settings.jitWarmup() / 5, (System.nanoTime() - start) / 1e9);
  }

  // ---------------------------------------------------------------------------------------------
  // The naive baseline

  /** One committed transaction per activity: a receipt row and the partner's balance row. */
  private static final class NaiveBaseline {
    private final DataSource pool;

    NaiveBaseline(DataSource pool) {
      this.pool = pool;
    }

    void reset() {
      execute(pool, "TRUNCATE naive_receipt, naive_balance");
    }

    /** The points are the invoice's amount in hundreds: the baseline measures the database, not rules. */
    void apply(Activity activity) {
      long points = activity instanceof Sale s ? s.total().amount().divide(BigDecimal.valueOf(100)).longValue() : 0;
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement receipt = c.prepareStatement(
                "INSERT INTO naive_receipt (activity_id, partner_id, points) VALUES (?, ?, ?)");
            PreparedStatement balance = c.prepareStatement("INSERT INTO naive_balance (partner_id, points) VALUES "
                + "(?, ?) ON CONFLICT (partner_id) DO UPDATE SET points = naive_balance.points + excluded.points")) {
          receipt.setString(1, activity.id().value());
          receipt.setString(2, activity.partner().value());
          receipt.setLong(3, points);
          receipt.executeUpdate();
          balance.setString(1, activity.partner().value());
          balance.setLong(2, points);
          balance.executeUpdate();
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw new IllegalStateException("the naive baseline failed: " + e.getMessage(), e);
      }
    }
  }

  private static void setUpNaive(DataSource pool) {
    execute(pool, "CREATE TABLE naive_receipt (activity_id VARCHAR(100) PRIMARY KEY, partner_id VARCHAR(100) NOT NULL, "
        + "points BIGINT NOT NULL)");
    execute(pool, "CREATE TABLE naive_balance (partner_id VARCHAR(100) PRIMARY KEY, points BIGINT NOT NULL)");
  }

  private static final class NaiveWorker implements BenchRunner.Worker {
    private final NaiveBaseline naive;
    private final List<Activity> stream;
    private int next;

    NaiveWorker(NaiveBaseline naive, List<Activity> stream) {
      this.naive = naive;
      this.stream = stream;
    }

    @Override
    public void operate(Tally tally) {
      Activity activity = stream.get(next++);
      long start = System.nanoTime();
      naive.apply(activity);
      tally.record(Tally.Kind.of(activity), System.nanoTime() - start);
      tally.commands++;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Where the time goes

  private String profile(HikariDataSource pool) throws SQLException {
    List<Activity> stream = StandardWorkload.streams("profile", channel, 1, settings.profile(), SEED + 99).get(0);
    empty(pool);
    channel.enrol(JdbcPartnerDirectory.using(pool));
    RoundTrips trips = new RoundTrips(pool);
    LoyaltyEngine engine = LoyaltyEngine.builder(program, java).postgres(trips.dataSource()).clock(channel.clock)
        .listener("bench", e -> { }).build();
    Database before = Database.now(pool);
    trips.reset();
    BenchReport.CpuSample engineCpu = BenchReport.CpuSample.now();
    long start = System.nanoTime();
    stream.subList(0, stream.size() - 1).forEach(engine::record);
    trips.trace.clear();
    engine.record(stream.get(stream.size() - 1));
    long nanos = System.nanoTime() - start;
    BenchReport.CpuSample engineCpuEnd = BenchReport.CpuSample.now();
    List<String> lastActivity = List.copyOf(trips.trace);
    Database engineDb = Database.now(pool).minus(before);
    long engineTrips = trips.executes.get();
    long engineCommits = trips.commits.get();
    List<String> statements = topStatements(pool, stream.size());

    NaiveBaseline naive = new NaiveBaseline(pool);
    naive.reset();
    RoundTrips naiveTrips = new RoundTrips(pool);
    NaiveBaseline counted = new NaiveBaseline(naiveTrips.dataSource());
    before = Database.now(pool);
    BenchReport.CpuSample naiveCpu = BenchReport.CpuSample.now();
    long naiveStart = System.nanoTime();
    stream.forEach(counted::apply);
    long naiveNanos = System.nanoTime() - naiveStart;
    BenchReport.CpuSample naiveCpuEnd = BenchReport.CpuSample.now();
    Database naiveDb = Database.now(pool).minus(before);

    int n = stream.size();
    StringBuilder table = new StringBuilder();
    table.append("| per activity (1 thread) | PostgreSQL engine, Java twin | naive JDBC baseline |\n|---|---:|---:|\n");
    table.append(String.format(Locale.ROOT, "| wall time µs (mean) | %,.0f | %,.0f |%n", nanos / 1e3 / n,
        naiveNanos / 1e3 / n));
    table.append(String.format(Locale.ROOT, "| CPU µs of this JVM (client: engine, driver, pool; GC and JIT included) "
        + "| %,.0f | %,.0f |%n", engineCpuEnd.processNanosSince(engineCpu) / 1e3 / n,
        naiveCpuEnd.processNanosSince(naiveCpu) / 1e3 / n));
    table.append(String.format(Locale.ROOT, "| CPU µs of the machine's other processes (the server: backends, WAL "
        + "writer, checkpointer, autovacuum, kernel) | %,.0f | %,.0f |%n",
        engineCpuEnd.othersNanosSince(engineCpu) / 1e3 / n, naiveCpuEnd.othersNanosSince(naiveCpu) / 1e3 / n));
    table.append(String.format(Locale.ROOT, "| statements sent (round trips, a multi-statement string counts once) | "
        + "%.1f | %.1f |%n", (double) engineTrips / n, (double) naiveTrips.executes.get() / n));
    table.append(String.format(Locale.ROOT, "| commits (transactions) | %.2f | %.2f |%n", (double) engineCommits / n,
        (double) naiveTrips.commits.get() / n));
    table.append(String.format(Locale.ROOT, "| rows inserted / updated / deleted | %.1f / %.1f / %.1f | %.1f / %.1f / "
        + "%.1f |%n", engineDb.inserted / (double) n, engineDb.updated / (double) n, engineDb.deleted / (double) n,
        naiveDb.inserted / (double) n, naiveDb.updated / (double) n, naiveDb.deleted / (double) n));
    table.append(String.format(Locale.ROOT, "| WAL bytes | %,.0f | %,.0f |%n", engineDb.wal / (double) n,
        naiveDb.wal / (double) n));
    out.println();
    out.print(table);
    out.println();
    out.println("Statements by server time (pg_stat_statements; per activity: calls, time running, time planning):");
    statements.forEach(s -> out.println("  " + s));
    out.println();
    out.println("The last activity's statements and commits, in the order sent (its transaction, then the delivery):");
    for (int i = 0; i < lastActivity.size(); i++) {
      String[] parts = lastActivity.get(i).replaceAll("\\s+", " ").strip().split("; ");
      if (parts.length == 1) {
        out.printf(Locale.ROOT, "  %2d  %s%n", i + 1, parts[0].substring(0, Math.min(80, parts[0].length())));
        continue;
      }
      // several statements in one round trip: each one's start on a line of its own
      out.printf(Locale.ROOT, "  %2d  %d statements in one round trip:%n", i + 1, parts.length);
      for (String part : parts) {
        out.printf(Locale.ROOT, "        %s%n", part.substring(0, Math.min(74, part.length())));
      }
    }
    return table.toString();
  }

  /** Counters of the server: rows written (all tables) and the WAL position. */
  private record Database(long inserted, long updated, long deleted, long wal) {
    static Database now(DataSource pool) throws SQLException {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        // the statistics collector reports with a delay
        s.execute("SELECT pg_sleep(0.6)");
        s.execute("SELECT pg_stat_clear_snapshot()");
        try (ResultSet rs = s.executeQuery("SELECT COALESCE(sum(n_tup_ins), 0), COALESCE(sum(n_tup_upd), 0), "
            + "COALESCE(sum(n_tup_del), 0), pg_current_wal_lsn() - '0/0'::pg_lsn FROM pg_stat_user_tables")) {
          rs.next();
          return new Database(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
      }
    }

    Database minus(Database before) {
      return new Database(inserted - before.inserted, updated - before.updated, deleted - before.deleted,
          wal - before.wal);
    }
  }

  private static List<String> topStatements(DataSource pool, int activities) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT calls, total_exec_time, regexp_replace(query, '\\s+', ' ', 'g'), "
            + "total_plan_time, plans FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%' "
            + "AND query NOT LIKE '%pg_sleep%' ORDER BY total_exec_time + total_plan_time DESC LIMIT 14")) {
      double plan = 0;
      double exec = 0;
      while (rs.next()) {
        String query = rs.getString(3);
        exec += rs.getDouble(2);
        plan += rs.getDouble(4);
        out.add(String.format(Locale.ROOT, "%5.2f calls %7.1f µs run %7.1f µs planning (%4.2f plans)  %s",
            rs.getLong(1) / (double) activities, rs.getDouble(2) * 1_000 / activities,
            rs.getDouble(4) * 1_000 / activities, rs.getLong(5) / (double) activities,
            query.substring(0, Math.min(100, query.length()))));
      }
      out.add(String.format(Locale.ROOT, "  these statements per activity: %.1f µs running, %.1f µs planning",
          exec * 1_000 / activities, plan * 1_000 / activities));
    }
    return out;
  }

  /** A data source whose connections count the statements they execute and the commits they make. */
  private static final class RoundTrips {
    /** Every statement sent and every commit, in order (the profile prints one activity's). */
    final List<String> trace = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong executes = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    private final DataSource target;

    RoundTrips(DataSource target) {
      this.target = target;
    }

    void reset() {
      executes.set(0);
      commits.set(0);
      execute(target, "SELECT pg_stat_statements_reset()");
    }

    DataSource dataSource() {
      return (DataSource) Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[] {DataSource.class},
          (proxy, method, args) -> {
            Object result = invoke(method, target, args);
            return method.getName().equals("getConnection") ? connection((Connection) result) : result;
          });
    }

    private Connection connection(Connection c) {
      return (Connection) Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            // the driver sends a commit only for a transaction open (a statement may have ended it with its COMMIT)
            if (method.getName().equals("commit")
                && c.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
              commits.incrementAndGet();
              trace.add("COMMIT");
            }
            Object result = invoke(method, c, args);
            String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : "";
            return result instanceof Statement s ? statement(s, method.getReturnType(), sql) : result;
          });
    }

    private Object statement(Statement s, Class<?> type, String prepared) {
      return Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
        if (method.getName().startsWith("execute")) {
          executes.incrementAndGet();
          // the text as sent; shortened only when printed, so the timed profile pays for no regex
          String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : prepared;
          trace.add(sql);
          if (sql.endsWith("; COMMIT")) { // a statement that commits in its own round trip
            commits.incrementAndGet();
          }
        }
        return invoke(method, s, args);
      });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing and output

  private static HikariDataSource pool(EmbeddedPostgres pg, int size) {
    HikariConfig config = new HikariConfig();
    PGSimpleDataSource dataSource = (PGSimpleDataSource) pg.getPostgresDatabase();
    dataSource.setReWriteBatchedInserts(true);
    dataSource.setPrepareThreshold(1);
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  /** Empties the engine's and the ledger's tables, for a run on the same activities as the last. */
  static void empty(DataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT string_agg(tablename, ', ') FROM pg_tables WHERE schemaname = 'public' "
            + "AND (tablename LIKE 'loyalty\\_%' OR tablename LIKE 'ledger\\_%') AND tablename NOT LIKE '%schema_version'")) {
      rs.next();
      String tables = rs.getString(1);
      try (Statement t = c.createStatement()) {
        t.execute("TRUNCATE " + tables + " RESTART IDENTITY");
        t.execute("INSERT INTO loyalty_outbox_head (only_row, last_position) VALUES (TRUE, 0)");
      }
    }
  }

  private static void execute(DataSource pool, String sql) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private void printEnvironment(HikariDataSource pool) throws SQLException {
    out.println("LoyaltyEngine on PostgreSQL, durable (" + settings.name() + " run)");
    out.println("  JVM        " + jvm());
    out.println("  machine    " + machine() + ", GC " + collectors());
    out.println("  OS / CPU   " + osAndCpu());
    out.println("  server     PostgreSQL " + JdbcBench.serverVersion(pool) + ", embedded, data on this disk, fsync=on "
        + "synchronous_commit=on; pool of " + pool.getMaximumPoolSize() + " (reWriteBatchedInserts, prepareThreshold=1)");
    out.println("  command    " + command);
    out.printf(Locale.ROOT, "  setup      loyalty-rules' ready-made program, %d dealers x %d reps, %,d activities per "
        + "run (%,d warm-up), threads on disjoint dealers; at most %d s per phase%n", DEALERS,
        StandardChannel.REPS_PER_DEALER, settings.perRun(), settings.warmup(), settings.phaseTimeLimit().getSeconds());
  }

  private void section(String title) {
    out.println();
    out.println("== " + title);
  }

  private void printFigures(String what, Measured m, double others) {
    Summary l = m.totals().latency;
    out.printf(Locale.ROOT, "  %-40s %,9.0f activities/s   latency µs: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s; "
            + "GC %.0f%%; others used %s of the CPUs%s%n", what, m.operationsPerSecond(), us(l.p50()), us(l.p90()),
        us(l.p99()), us(l.p999()), us(l.max()), gcShare(m), percent(others),
        m.hitTimeLimit() ? " (STOPPED BY THE TIME LIMIT)" : "");
  }

  private void printSummary(String profile, long elapsedNanos) {
    section("Summary (Markdown)");
    out.println();
    out.println("| Threads | Run | activities/s | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | vs naive JDBC |");
    out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    Map<Integer, Double> naive = new LinkedHashMap<>();
    rows.stream().filter(r -> r.what().startsWith("naive")).forEach(r -> naive.put(r.threads(),
        r.measured().operationsPerSecond()));
    for (Row r : rows) {
      Summary l = r.measured().totals().latency;
      out.printf(Locale.ROOT, "| %d | %s | %,.0f | %s | %s | %s | %s | %s | %.2f |%n", r.threads(), r.what(),
          r.measured().operationsPerSecond(), us(l.p50()), us(l.p90()), us(l.p99()), us(l.p999()), us(l.max()),
          r.measured().operationsPerSecond() / naive.get(r.threads()));
    }
    out.println();
    out.print(profile);
    out.println();
    Row eight = rows.stream().filter(r -> r.threads() == 8 && r.what().equals("PostgreSQL engine, Java twin"))
        .findFirst().orElseThrow();
    double rate = eight.measured().operationsPerSecond();
    out.printf(Locale.ROOT, "- Target with 8 threads >= %,.0f durable activities/s with the Java twin: %s (%,.0f/s).%n",
        TARGET, rate >= TARGET ? "met" : "NOT met", rate);
    out.println("- JVM: " + jvm() + "; GC " + collectors() + "; " + machine() + "; " + osAndCpu());
    out.println("- Command: `" + command + "`");
    out.printf(Locale.ROOT, "%nTotal time %.0f s.%n", elapsedNanos / 1e9);
  }
}
