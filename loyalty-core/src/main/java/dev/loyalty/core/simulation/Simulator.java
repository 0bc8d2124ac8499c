package dev.loyalty.core.simulation;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramDefinitionException;
import dev.loyalty.core.rewards.Catalog;
import dev.loyalty.core.rewards.CatalogVersions;
import dev.loyalty.core.rewards.RewardsSetup;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.simulation.internal.LeanJournal;
import dev.loyalty.core.simulation.internal.Redeemer;
import dev.loyalty.core.simulation.internal.SimulationClock;
import dev.loyalty.core.simulation.internal.Tally;
import dev.loyalty.ledger.Ledger;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Runs streams of activities through fresh in-memory engines, to see what a program (or a change to
 * it) does over a whole channel before it ships: {@link #simulate} reports one program with one rule
 * engine; {@link #whatIf} runs the same stream under two and reports the differences. Works with any
 * {@link RuleEngine}.
 *
 * <pre>{@code
 * Channel channel = ChannelGenerator.seeded(7).generate(ChannelShape.ofPartners(1_000));
 * ActivityGenerator year = ActivityGenerator.of(channel, 7);            // a year, in date order
 * Simulator simulator = Simulator.of(channel);
 * SimulationReport report = simulator.simulate(program, rules, year);
 * WhatIfReport change = simulator.whatIf(program, rules, richerRules, year);
 * }</pre>
 *
 * <p>Each run is deterministic: it records the activities in the order given, on one thread, on a
 * clock that follows them, so the same program, rules and activities give an equal report. Nothing
 * a run does reaches the host's stores.
 *
 * <p>Immutable and thread-safe; the settings return copies. Nothing accepts or returns null.
 */
public final class Simulator {
  /** Rule ids counted as caps by default: "cap", or with "cap" as a dash-separated word ("partner-cap"). */
  public static final Pattern DEFAULT_CAP_RULES = Pattern.compile("(.*-)?cap(-.*)?");

  private final Channel channel;
  private final Optional<Instant> asOf;
  private final Predicate<String> capRules;
  private final int topPartners;
  private final Optional<Redeeming> redeeming;
  private final boolean lean;
  private final Consumer<LoyaltyEngine.Builder> settings;

  private Simulator(Channel channel, Optional<Instant> asOf, Predicate<String> capRules, int topPartners,
      Optional<Redeeming> redeeming, boolean lean, Consumer<LoyaltyEngine.Builder> settings) {
    this.channel = channel;
    this.asOf = asOf;
    this.capRules = capRules;
    this.topPartners = topPartners;
    this.redeeming = redeeming;
    this.lean = lean;
    this.settings = settings;
  }

  /**
   * A simulator over {@code channel}: runs end at the start of the month after their last activity,
   * cap rules are those {@link #DEFAULT_CAP_RULES} names, reports list the 10 top partners.
   */
  public static Simulator of(Channel channel) {
    return new Simulator(requireNonNull(channel, "channel"), Optional.empty(),
        id -> DEFAULT_CAP_RULES.matcher(id).matches(), 10, Optional.empty(), false, builder -> { });
  }

  /**
   * A copy whose runs end at {@code instant}: activities dated after it are left out (and counted),
   * the last period close is at it, and balances are read as of it.
   */
  public Simulator asOf(Instant instant) {
    return new Simulator(channel, Optional.of(requireNonNull(instant, "instant")), capRules, topPartners, redeeming,
        lean, settings);
  }

  /** A copy that counts the firings of exactly the rules with these ids as cap hits. */
  public Simulator capRules(Set<String> ruleIds) {
    Set<String> ids = Set.copyOf(requireNonNull(ruleIds, "ruleIds"));
    return new Simulator(channel, asOf, ids::contains, topPartners, redeeming, lean, settings);
  }

  /** A copy whose reports list {@code count} top partners (0 to 10,000). */
  public Simulator topPartners(int count) {
    if (count < 0 || count > 10_000) {
      throw new IllegalArgumentException("top partners must be 0 to 10000, got " + count);
    }
    return new Simulator(channel, asOf, capRules, count, redeeming, lean, settings);
  }

  /**
   * A copy whose runs redeem: the engines get {@code how}'s catalog, and after each close the
   * members redeem as {@link Redeeming} says; the report counts what they paid.
   */
  public Simulator redemptions(Redeeming how) {
    return new Simulator(channel, asOf, capRules, topPartners, Optional.of(requireNonNull(how, "how")), lean,
        settings);
  }

  /**
   * A copy whose engines keep each receipt, once its activity is recorded, without the rules'
   * decisions (the "applied" and "not applied" sentences): about a third less memory per activity,
   * the same figures. {@link Simulation#record} still returns the whole receipt; {@code
   * engine().receipt(id)} then lacks the decisions.
   */
  public Simulator lean() {
    return new Simulator(channel, asOf, capRules, topPartners, redeeming, true, settings);
  }

  /**
   * A copy whose engines also get the host's {@code settings} (an invoice registry and an identity
   * salt for claims, a listener, an expiry notice), given to each run's builder after the simulator's
   * own and after the settings of earlier calls. The ledger, directory, clock, journal and rewards
   * are the simulator's: setting one of them again is refused by the builder ({@link
   * IllegalStateException}) when a run starts.
   *
   * <p>{@code settings} is called once per run, so what it creates is that run's own; what it hands
   * over from outside is shared by every run, and a what-if runs its two at once on two threads.
   */
  public Simulator engines(Consumer<LoyaltyEngine.Builder> settings) {
    requireNonNull(settings, "settings");
    return new Simulator(channel, asOf, capRules, topPartners, redeeming, lean, this.settings.andThen(settings));
  }

  /** The channel the runs are over. */
  public Channel channel() {
    return channel;
  }

  /**
   * Starts a run of {@code program} with {@code rules} on a fresh in-memory engine, for a caller that
   * records activity by activity (to report a bad line by its number, say).
   *
   * @throws ProgramDefinitionException if {@code rules} find problems with the program's parameters
   */
  public Simulation start(Program program, RuleEngine rules) {
    requireNonNull(program, "program");
    requireNonNull(rules, "rules");
    // The epoch, not the wall clock: a run must not depend on when it runs. Budgets are funded at
    // build time, effective from their campaign's first day when that comes before the clock.
    SimulationClock clock = new SimulationClock(Instant.EPOCH);
    LoyaltyEngine.Builder builder = LoyaltyEngine.builder(program, rules).ledger(Ledger.inMemory(clock))
        .directory(channel.directory()).clock(clock);
    if (lean) {
      builder.journal(new LeanJournal());
    }
    redeeming.ifPresent(r -> builder.rewards(RewardsSetup.of(CatalogVersions.inMemory(catalogFor(r.catalog(),
        program)))));
    settings.accept(builder);
    LoyaltyEngine engine = builder.build();
    return new Simulation(program, engine, clock, new Tally(program, channel, capRules, topPartners), asOf,
        redeeming.map(r -> new Redeemer(r, engine, channel)));
  }

  /** The catalog's items for {@code program}: a what-if's program B is another definition of the program. */
  private static Catalog catalogFor(Catalog catalog, Program program) {
    return catalog.program().equals(program) ? catalog
        : Catalog.of(program, catalog.version(), catalog.defaultLocale(), catalog.items());
  }

  /**
   * Runs {@code activities} (in date order) through a fresh engine of {@code program} with {@code
   * rules}, with the program's period closes, and reports. An activity the engine refuses is counted
   * (with its message) and the run goes on.
   *
   * @throws ProgramDefinitionException if {@code rules} find problems with the program's parameters
   */
  public SimulationReport simulate(Program program, RuleEngine rules, Iterable<? extends Activity> activities) {
    requireNonNull(activities, "activities");
    return run(start(program, rules), activities);
  }

  /**
   * The same stream under two rule engines for one program: {@link #whatIf(Program, RuleEngine,
   * Program, RuleEngine, Iterable)} with {@code program} on both sides.
   */
  public WhatIfReport whatIf(Program program, RuleEngine rulesA, RuleEngine rulesB,
      Iterable<? extends Activity> activities) {
    return whatIf(program, rulesA, program, rulesB, activities);
  }

  /**
   * Runs {@code activities} under program A with rules A and under program B with rules B, each on
   * a fresh engine, and reports both and their differences. The two runs go on two threads at once
   * (each deterministic on its own), so {@code activities} is iterated twice, possibly at the same
   * time: its iterators must be independent (a list, an {@link ActivityGenerator}).
   *
   * @throws ProgramDefinitionException if either rule engine finds problems with its program
   */
  public WhatIfReport whatIf(Program programA, RuleEngine rulesA, Program programB, RuleEngine rulesB,
      Iterable<? extends Activity> activities) {
    requireNonNull(activities, "activities");
    // both engines are built (and their programs checked) before either run starts
    Simulation a = start(programA, rulesA);
    Simulation b = start(programB, rulesB);
    ExecutorService other = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "loyalty-whatif-b");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<SimulationReport> side = other.submit(() -> run(b, activities));
      SimulationReport reportA = run(a, activities);
      return WhatIfReport.compare(reportA, side.get(), topPartners);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the what-if's second run went on", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("the what-if's second run failed", e.getCause());
    } finally {
      other.shutdownNow();
    }
  }

  private static SimulationReport run(Simulation run, Iterable<? extends Activity> activities) {
    for (Activity activity : activities) {
      try {
        run.record(activity);
      } catch (LoyaltyException refused) {
        // counted by the run: a simulation reports refusals, it does not stop at them
      }
    }
    return run.finish();
  }
}
