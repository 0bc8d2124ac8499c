package dev.loyalty.examples.bench;

import static dev.loyalty.examples.bench.BenchReport.commandLine;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.spi.InMemoryInvoiceRegistry;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.InvoiceRegistry;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.examples.ManualClock;
import dev.loyalty.examples.bench.ClaimsGenerator.Enrol;
import dev.loyalty.examples.bench.ClaimsGenerator.Event;
import dev.loyalty.examples.bench.ClaimsGenerator.Fraud;
import dev.loyalty.examples.bench.ClaimsGenerator.GeneratedPartner;
import dev.loyalty.examples.bench.ClaimsGenerator.Identity;
import dev.loyalty.examples.bench.ClaimsGenerator.Record;
import dev.loyalty.examples.bench.ClaimsGenerator.Redeem;
import dev.loyalty.examples.bench.ClaimsGenerator.Scenario;
import dev.loyalty.examples.bench.ClaimsGenerator.Submit;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.standard.StandardRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How well the ready-made claim-risk rules find frauds, and how many honest claims they hold: a
 * year of {@link ClaimsGenerator}'s claims (1,000 partners, frauds of every kind at about 3%) goes
 * through the whole pipeline (the engine, the records check, the risk figures, the standard
 * program's rules on Drools, the ledger), in time order, with the partners' redemptions, the
 * identity registrations and a review desk that decides every held claim two days later (an honest
 * one is approved, a fraud rejected). Reported, per kind of fraud: the share of injected fraud
 * claims (and, for bursts, fraud events) held for review or blocked, and held by a signal meant for
 * it; for the honest claims: the share held (and blocked), and by which signals; and claims per
 * second through {@code submitClaim}.
 *
 * <p>The program is the shipped standard program with its scores, without its two invoice checks
 * (which judge a DMS invoice by size alone and would blur what the claim-risk rules do).
 *
 * <p>Run it from the repository root (about 2 minutes on 2 cores for 1,000 partners; {@code
 * --quick}: 200 partners):
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.ClaimsBenchmark
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.ClaimsBenchmark -Dexec.args="--quick"
 * </pre>
 */
public final class ClaimsBenchmark {
  private static final String COMMAND = "mvn -q test-compile exec:java -Ddemo.main="
      + ClaimsBenchmark.class.getName();
  static final long SEED = 16;
  private static final Duration REVIEW_DELAY = Duration.ofDays(2);
  private static final Actor DESK = Actor.of(ActorId.of("review-desk"), Roles.REVIEWER);

  private final PrintStream out;

  ClaimsBenchmark(PrintStream out) {
    this.out = out;
  }

  /** Arguments: {@code --quick} for 200 partners instead of 1,000; {@code --help}. */
  public static void main(String[] args) {
    Optional<Boolean> quick = BenchReport.quickOrFull(args, COMMAND, "200 partners, about 30 seconds",
        "the default: 1,000 partners, about 2 minutes on 2 cores");
    if (quick.isPresent()) {
      new ClaimsBenchmark(System.out).run(quick.get() ? 200 : 1_000, commandLine(COMMAND, args));
    }
  }

  /** The time {@code submitClaim} took: on the wall, on the thread's CPU, and the processors' share others used. */
  record Timing(long wallNanos, long cpuNanos, double others) {
  }

  /** What happened to the claims of one kind (or to the honest ones). */
  static final class Tally {
    long claims;
    long held;
    long blocked;
    long heldByItsSignal;
    final Set<Integer> events = new HashSet<>();
    final Set<Integer> eventsHeld = new HashSet<>();
    final Map<String, Long> signals = new TreeMap<>();
  }

  /** The benchmark's program: the standard one without the invoice-size checks. */
  static Program program() {
    try (InputStream in = ClaimsBenchmark.class.getClassLoader()
        .getResourceAsStream("dev/loyalty/rules/samples/standard-program.json")) {
      Program standard = ProgramLoader.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Map<String, String> parameters = new HashMap<>(standard.parameters());
      parameters.remove("review.invoice-above");
      parameters.remove("block.line-quantity-above");
      return standard.withParameters(parameters);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void run(int partnerCount, String command) {
    long generating = System.nanoTime();
    Scenario scenario = ClaimsGenerator.generate(partnerCount, SEED);
    double generated = (System.nanoTime() - generating) / 1e9;
    ManualClock clock = new ManualClock(ClaimsGenerator.START.minusDays(90).atStartOfDay(ClaimsGenerator.ZONE)
        .toInstant());
    InMemoryPartnerDirectory directory = PartnerDirectory.inMemory();
    for (GeneratedPartner p : scenario.partners()) {
      if (!p.front()) {
        directory.put(partner(p));
      }
    }
    InMemoryInvoiceRegistry records = InvoiceRegistry.inMemory();
    Ledger ledger = Ledger.inMemory(clock);
    Program program = program();
    LoyaltyEngine engine = LoyaltyEngine.builder(program, DroolsRuleEngine.of(StandardRules.ruleSet("standard-1",
        Instant.MIN))).ledger(ledger).clock(clock).directory(directory).invoiceRegistry(records)
        .identitySalt("claims benchmark salt".getBytes(StandardCharsets.UTF_8)).build();
    AccountId clearing = AccountId.of(program.accounts().prefix() + ":system:redemptions");
    ledger.openAccount(clearing, AccountType.SYSTEM);

    Map<Optional<Fraud>, Tally> tallies = new HashMap<>();
    Deque<Object[]> decisions = new ArrayDeque<>(); // {Instant due, ClaimId, Boolean fraud}
    long submitNanos = 0;
    long submitCpuNanos = 0;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    BenchReport.CpuSample machineBefore = BenchReport.CpuSample.now();
    long submitted = 0;
    long refused = 0;
    int redemptions = 0;
    long replaying = System.nanoTime();
    for (Event event : scenario.events()) {
      if (event.at().isAfter(clock.instant())) {
        clock.moveTo(event.at());
      }
      while (!decisions.isEmpty() && !((Instant) decisions.peekFirst()[0]).isAfter(clock.instant())) {
        Object[] d = decisions.removeFirst();
        decide(engine, (ClaimId) d[1], (Boolean) d[2]);
      }
      if (event instanceof Submit s) {
        Tally t = tallies.computeIfAbsent(s.fraud(), f -> new Tally());
        long start = System.nanoTime();
        long startCpu = cpu.getCurrentThreadCpuTime();
        Claim claim;
        try {
          claim = engine.submitClaim(claimant(s), s.claim());
        } catch (RuntimeException e) {
          refused++;
          continue;
        } finally {
          submitNanos += System.nanoTime() - start;
          submitCpuNanos += cpu.getCurrentThreadCpuTime() - startCpu;
        }
        submitted++;
        count(t, s, claim);
        if (claim.status() == ClaimStatus.IN_REVIEW) {
          decisions.addLast(new Object[] {clock.instant().plus(REVIEW_DELAY), claim.id(), s.fraud().isPresent()});
        }
      } else if (event instanceof Redeem r) {
        long available = engine.balance(r.partner()).available();
        long points = r.share().multiply(java.math.BigDecimal.valueOf(available)).setScale(0, RoundingMode.DOWN)
            .longValueExact();
        if (points > 0) {
          String key = "bench-redeem:" + (++redemptions);
          HoldId hold = ledger.hold(HoldRequest.of(IdempotencyKey.of(key), program.accounts().wallet(r.partner()),
              clearing, points, "redemption"));
          ledger.postHold(PostHoldRequest.full(IdempotencyKey.of(key + ":post"), hold, "redeemed"));
        }
      } else if (event instanceof Record r) {
        records.put(r.record());
      } else if (event instanceof Identity i) {
        engine.registerIdentity(i.partner(), i.kind(), i.value());
      } else if (event instanceof Enrol e) {
        directory.put(partner(e.partner()));
      }
    }
    while (!decisions.isEmpty()) {
      Object[] d = decisions.removeFirst();
      decide(engine, (ClaimId) d[1], (Boolean) d[2]);
    }
    double replayed = (System.nanoTime() - replaying) / 1e9;
    double others = BenchReport.CpuSample.now().othersSince(machineBefore);
    report(partnerCount, command, tallies, submitted, refused, new Timing(submitNanos, submitCpuNanos, others),
        generated, replayed,
        ledger.trialBalance().isBalanced() && ledger.verify().intact() && engine.audit().verify().intact());
  }

  private static Partner partner(GeneratedPartner p) {
    return Partner.of(p.id(), "Partner " + p.id(), PartnerType.DEALER, "north", "IN", ClaimsGenerator.INR,
        p.enrolled().atZone(ClaimsGenerator.ZONE).toLocalDate());
  }

  private static Actor claimant(Submit s) {
    return Actor.of(ActorId.of("claimant-" + s.claim().partner().value()), Roles.CLAIMANT);
  }

  /** The review desk: approves an honest claim, rejects a fraud. */
  private static void decide(LoyaltyEngine engine, ClaimId claim, boolean fraud) {
    if (engine.claim(claim).filter(c -> c.status().awaitsDecision()).isEmpty()) {
      return;
    }
    if (fraud) {
      engine.rejectClaim(claim, DESK, "the sale could not be confirmed");
    } else {
      engine.approveClaim(claim, DESK, "confirmed with the customer");
    }
  }

  private static void count(Tally t, Submit s, Claim claim) {
    t.claims++;
    boolean held = claim.status() == ClaimStatus.IN_REVIEW || claim.status() == ClaimStatus.BLOCKED;
    List<String> signals = claim.signals().stream().map(RiskFlag::code).toList();
    if (held) {
      t.held++;
      t.blocked += claim.status() == ClaimStatus.BLOCKED ? 1 : 0;
      signals.forEach(code -> t.signals.merge(code, 1L, Long::sum));
    }
    s.fraud().ifPresent(kind -> {
      if (held && kind.signals().stream().anyMatch(signals::contains)) {
        t.heldByItsSignal++;
      }
      t.events.add(s.event());
      if (held) {
        t.eventsHeld.add(s.event());
      }
    });
  }

  private void report(int partnerCount, String command, Map<Optional<Fraud>, Tally> tallies, long submitted,
      long refused, Timing timing, double generated, double replayed, boolean books) {
    out.println("# Claims and fraud signals: " + partnerCount + " generated partners, one year");
    out.println();
    out.println("Command: `" + command + "`  ");
    out.println("Seed " + SEED + "; " + BenchReport.jvm() + "; " + Runtime.getRuntime().availableProcessors()
        + " processors.");
    out.println();
    Tally honest = tallies.getOrDefault(Optional.empty(), new Tally());
    long frauds = tallies.entrySet().stream().filter(e -> e.getKey().isPresent()).mapToLong(e -> e.getValue().claims)
        .sum();
    out.printf(Locale.ROOT, "%,d claims submitted (%,d honest, %,d injected frauds: %s), %,d refused by the "
        + "engine.%n%n", submitted, honest.claims, frauds, percent(frauds, submitted), refused);
    out.println("## Frauds held (review or block)");
    out.println();
    out.println("| fraud | signals meant for it | fraud claims | held | held by its signals | fraud events | events "
        + "held |");
    out.println("|---|---|---:|---:|---:|---:|---:|");
    for (Fraud kind : Fraud.values()) {
      Tally t = tallies.getOrDefault(Optional.of(kind), new Tally());
      out.printf(Locale.ROOT, "| %s | %s | %,d | %s | %s | %,d | %s |%n", kind.label(), signals(kind), t.claims,
          percent(t.held, t.claims), percent(t.heldByItsSignal, t.claims), t.events.size(),
          percent(t.eventsHeld.size(), t.events.size()));
    }
    out.println();
    out.println("## Honest claims held");
    out.println();
    out.printf(Locale.ROOT, "%s of %,d honest claims held (%,d, of which %,d blocked).", percent(honest.held,
        honest.claims), honest.claims, honest.held, honest.blocked);
    out.println(" Signals on the honest claims held (a claim may have several):");
    out.println();
    out.println("| signal | honest claims held with it |");
    out.println("|---|---:|");
    honest.signals.forEach((code, n) -> out.printf(Locale.ROOT, "| `%s` | %,d |%n", code, n));
    out.println();
    out.println("## Throughput");
    out.println();
    out.printf(Locale.ROOT, "%,d claims through `submitClaim` in %.1f s: **%,.0f claims/s** (one thread; the "
        + "whole replay, with redemptions, registrations and decisions, took %.1f s; generating it %.1f s).%n",
        submitted, timing.wallNanos() / 1e9, submitted / (timing.wallNanos() / 1e9), replayed, generated);
    out.printf(Locale.ROOT, "%nThe thread's CPU time in `submitClaim`: %.1f s, %,.0f claims per CPU-second (what "
        + "other processes change least). Other processes used %s of the processors during the replay; load "
        + "average at the end %s.%n", timing.cpuNanos() / 1e9, submitted / (timing.cpuNanos() / 1e9),
        BenchReport.percent(timing.others()), LoadAverage.all());
    out.println();
    out.println("Books balanced, ledger chain and audit log intact: " + (books ? "yes" : "NO"));
  }

  /** "`campaign-end-spike`, `campaign-end-rise`" */
  static String signals(Fraud kind) {
    return kind.signals().stream().map(code -> "`" + code + "`").collect(Collectors.joining(", "));
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }
}
