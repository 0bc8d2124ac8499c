package dev.loyalty.examples.bench;

import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.RuleProblem;
import dev.loyalty.rules.RuleSet;
import dev.loyalty.rules.RuleSource;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One measurement of {@link RuleCompileBenchmark}, in a JVM of its own so that the first compile's
 * cost and the peak memory are those of a fresh process: compiles one rule set with {@link
 * DroolsRuleEngine#of}, reads the peak RSS and the heap after GC, validates the same rule set again
 * with {@link DroolsRuleEngine#validate} (the second compile in this JVM), then evaluates sales
 * through the compiled engine. Prints one line starting with {@value #RESULT} of {@code key=value}
 * pairs for the parent to read; everything else on its output is logging.
 *
 * <p>Arguments: {@code sample} (the shipped sample-program.drl) or a number of generated rules
 * ({@link GeneratedRules}); the least seconds of evaluations to warm up with (more, up to six times
 * as many, until two one-second slices differ by at most 10%); the seconds of evaluations to
 * measure (0: neither evaluations nor validation, only the compile).
 */
public final class RuleCompileChild {

  /** The start of the line that carries the figures. */
  static final String RESULT = "RULE-COMPILE-RESULT";
  static final String SAMPLE = "sample";
  private static final String SAMPLE_RESOURCE = "dev/loyalty/rules/samples/sample-program.drl";
  private static final Instant JULY = Instant.parse("2026-07-15T06:00:00Z");
  private static final PartnerId DEALER = ChannelFixture.DEALERS.get(0);
  private static final Partner DISTRIBUTOR = Partner.of(ChannelFixture.DISTRIBUTOR, "North Distribution",
      PartnerType.DISTRIBUTOR, "north", "IN", ChannelFixture.INR, LocalDate.of(2026, 1, 1));
  private static final Partner DEALER_PARTNER = Partner.of(DEALER, "Dealer A", PartnerType.DEALER, "north", "IN",
      ChannelFixture.INR, LocalDate.of(2026, 1, 1)).withParent(ChannelFixture.DISTRIBUTOR);
  private static final Member REP = Member.of(ChannelFixture.rep(DEALER, 1), DEALER, "Rep 1", MemberRole.SALES_REP,
      Locale.forLanguageTag("en-IN"), LocalDate.of(2026, 1, 1));
  private static final int DISTINCT_FACTS = 2_000;
  /** The longest warm-up, in multiples of the one asked for. */
  private static final int MAX_WARMUP_FACTOR = 6;

  private RuleCompileChild() {}

  /** See the class comment; exits with 1 (and a message) if the rule set does not compile. */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: RuleCompileChild sample|<rules> <warm-up seconds> <measured seconds>");
      System.exit(2);
    }
    Map<String, String> result = measure(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    System.out.println(RESULT + " " + result.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" ")));
    // Drools leaves non-daemon threads behind; the measurement is complete.
    System.exit(0);
  }

  /** Does the measurement in this JVM; the figures by name (see {@link RuleCompileBenchmark.Figures}). */
  static Map<String, String> measure(String what, int warmupSeconds, int measureSeconds) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("rssBeforeMb", Long.toString(statusKb("VmHWM") >> 10));
    RuleSet ruleSet;
    Map<String, String> parameters;
    if (what.equals(SAMPLE)) {
      ruleSet = RuleSet.always("sample", RuleSource.fromClasspath(SAMPLE_RESOURCE));
      parameters = Map.of();
    } else {
      GeneratedRules generated = GeneratedRules.of(Integer.parseInt(what));
      ruleSet = RuleSet.always("generated-" + generated.rules(), RuleSource.of("generated.drl", generated.drl()));
      parameters = generated.parameters();
    }
    out.put("drlKb", Long.toString(ruleSet.sources().stream().mapToLong(s -> s.drl().length()).sum() >> 10));

    BenchReport.CpuSample before = BenchReport.CpuSample.now();
    long gc0 = gcMillis();
    long t0 = System.nanoTime();
    DroolsRuleEngine engine = DroolsRuleEngine.of(ruleSet);
    long compileNanos = System.nanoTime() - t0;
    BenchReport.CpuSample after = BenchReport.CpuSample.now();
    out.put("compileMs", Long.toString(compileNanos / 1_000_000));
    out.put("compileCpuMs", Long.toString((after.processNanos() - before.processNanos()) / 1_000_000));
    out.put("othersDuringCompile", Double.toString(after.othersSince(before)));
    out.put("compileGcMs", Long.toString(gcMillis() - gc0));
    out.put("peakRssCompileMb", Long.toString(statusKb("VmHWM") >> 10));
    out.put("rules", Integer.toString(engine.ruleSets().get(0).ruleIds().size()));
    out.put("heapAfterGcMb", Long.toString(BenchReport.settleHeap() >> 20));
    out.put("metaspaceMb", Long.toString(poolUsed("Metaspace") >> 20));
    out.put("codeCacheMb", Long.toString(poolUsed("Code") >> 20));

    if (measureSeconds > 0) {
      long t1 = System.nanoTime();
      List<RuleProblem> problems = DroolsRuleEngine.validate(ruleSet);
      out.put("validateMs", Long.toString((System.nanoTime() - t1) / 1_000_000));
      if (!problems.isEmpty()) {
        throw new IllegalStateException("validate found problems in a rule set that compiled: " + problems);
      }
      evaluate(engine, parameters, warmupSeconds, measureSeconds, out);
    }
    out.put("peakRssMb", Long.toString(statusKb("VmHWM") >> 10));
    out.put("maxHeapMb", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
    return out;
  }

  /** Evaluates sales through {@code engine}, round the same facts: a warm-up, then the measured seconds. */
  private static void evaluate(DroolsRuleEngine engine, Map<String, String> parameters, int warmupSeconds,
      int measureSeconds, Map<String, String> out) {
    Program base = ChannelFixture.program(1_000_000_000_000L);
    Map<String, String> all = new HashMap<>(base.parameters());
    all.putAll(parameters);
    all.put("first-order-points", "100");
    Program program = new Program(base.id(), base.name(), base.zone(), base.pointValue(), base.tiers(),
        base.tierPolicy(), base.campaigns(), base.earnSplit(), base.expiry(), base.accounts(), all);
    List<RuleFacts> facts = facts(program, DISTINCT_FACTS);
    // Warm up in one-second slices until the rate settles: after a large compile the JIT is still
    // busy with the compiler's own methods, and evaluation runs interpreted for many seconds.
    int next = 0;
    long warmupStart = System.nanoTime();
    double previous = 0;
    for (int slice = 0; slice < warmupSeconds * MAX_WARMUP_FACTOR; slice++) {
      long sliceEnd = System.nanoTime() + 1_000_000_000L;
      int done = 0;
      while (System.nanoTime() < sliceEnd) {
        engine.evaluate(facts.get(next++ % facts.size()));
        done++;
      }
      if (slice + 1 >= warmupSeconds && Math.abs(done - previous) <= 0.1 * done) {
        break;
      }
      previous = done;
    }
    out.put("warmupMs", Long.toString((System.nanoTime() - warmupStart) / 1_000_000));
    long fired = 0;
    long awards = 0;
    int evaluations = 0;
    long start = System.nanoTime();
    long end = start + measureSeconds * 1_000_000_000L;
    long now = start;
    while (now < end) {
      RuleOutcome outcome = engine.evaluate(facts.get(next++ % facts.size()));
      evaluations++;
      awards += outcome.awards().size();
      for (RuleDecision d : outcome.decisions()) {
        if (d.fired()) {
          fired++;
        }
      }
      now = System.nanoTime();
    }
    out.put("evaluations", Integer.toString(evaluations));
    out.put("evaluationMs", Long.toString((now - start) / 1_000_000));
    out.put("firedPerEvaluation", String.format(Locale.ROOT, "%.1f", (double) fired / evaluations));
    out.put("awardsPerEvaluation", String.format(Locale.ROOT, "%.1f", (double) awards / evaluations));
  }

  /**
   * Sales of 1 to 5 lines in the generated rules' categories (and the sample program's), by the
   * same dealer with and without its rep and tier, with figures spread over what the rules'
   * thresholds look at.
   */
  static List<RuleFacts> facts(Program program, int count) {
    Random random = new Random(20_261_115L);
    List<RuleFacts> facts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      List<InvoiceLine> lines = new ArrayList<>();
      int lineCount = 1 + random.nextInt(5);
      for (int l = 0; l < lineCount; l++) {
        String category = GeneratedRules.CATEGORIES.get(random.nextInt(GeneratedRules.CATEGORIES.size()));
        // SKUs differ per line: an invoice may not list one twice.
        lines.add(InvoiceLine.of(category.substring(0, 3).toUpperCase(Locale.ROOT) + "-" + l + random.nextInt(40),
            category, 1 + random.nextInt(12), Integer.toString(50 + random.nextInt(5_000))));
      }
      boolean withRep = random.nextBoolean();
      Instant at = JULY.plus(Duration.ofMinutes(i));
      Sale sale = new Sale(new ActivityHeader(ActivityId.of("inv-" + i), DEALER,
          withRep ? Optional.of(REP.id()) : Optional.empty(), at), ChannelFixture.INR, lines);
      Optional<Tier> tier = program.tier(random.nextInt(3) == 0 ? ChannelFixture.GOLD : ChannelFixture.SILVER);
      Optional<Member> member = withRep ? Optional.of(REP) : Optional.empty();
      facts.add(new RuleFacts(sale, DEALER_PARTNER, member, Optional.of(DISTRIBUTOR), figures(DEALER, at, random),
          member.map(m -> figures(m.id(), at, random)), tier, Optional.empty(),
          program.campaignsFor(DEALER_PARTNER, tier.map(Tier::id), at), program));
    }
    return facts;
  }

  private static PerformanceFigures figures(ParticipantId who, Instant at, Random random) {
    long month = random.nextInt(800_000);
    long window = month + random.nextInt(1_500_000);
    long prior = random.nextInt(1_500_000);
    Map<String, Money> byCategory = new TreeMap<>();
    for (String category : GeneratedRules.CATEGORIES) {
      if (random.nextInt(3) > 0) {
        byCategory.put(category, Money.of(BigDecimal.valueOf(1 + random.nextInt(100_000)), ChannelFixture.INR));
      }
    }
    long lifetime = random.nextInt(8) == 0 ? 0 : random.nextInt(200);
    return new PerformanceFigures(who, at, 3, Money.of(BigDecimal.valueOf(window), ChannelFixture.INR),
        Money.of(BigDecimal.valueOf(prior), ChannelFixture.INR), byCategory, Math.min(lifetime, random.nextInt(30)),
        Money.of(BigDecimal.valueOf(month), ChannelFixture.INR), random.nextInt(10), random.nextInt(12), lifetime,
        Optional.empty(), Set.of());
  }

  /** A field of /proc/self/status in kB (VmHWM: the peak resident set); -1 where unavailable. */
  static long statusKb(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException unavailable) {
      // Not Linux.
    }
    return -1;
  }

  /** The used bytes of the memory pools whose names start with {@code prefix} (the code cache has one to three). */
  private static long poolUsed(String prefix) {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().startsWith(prefix))
        .mapToLong(p -> p.getUsage().getUsed()).sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }
}
