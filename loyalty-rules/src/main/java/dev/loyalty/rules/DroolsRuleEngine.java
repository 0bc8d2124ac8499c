package dev.loyalty.rules;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.rules.internal.CompiledRuleSet;
import dev.loyalty.rules.internal.Limits;
import dev.loyalty.rules.internal.ParameterProblems;
import dev.loyalty.rules.internal.RuleCompiler;
import dev.loyalty.rules.standard.StandardParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RuleEngine} that evaluates activities with DRL rules on Drools (the executable model).
 *
 * <p><b>Rule sets.</b> The engine holds versioned, effective-dated {@link RuleSet}s. An activity is
 * evaluated with the one in force at its occurred-at time (the latest {@code effectiveFrom} at or
 * before it), so an activity reported late is judged by the rules of its day. {@link
 * #install(RuleSet)} compiles a new rule set completely before it publishes it, in one atomic step,
 * while other threads keep evaluating: every evaluation sees either the old set of rule sets or the
 * new one, never a mix, never a half-loaded one. A rule set with the same {@code effectiveFrom} as
 * an installed one replaces it. A rule set that does not compile is refused with every problem
 * ({@link RuleCompilationException}) and nothing changes.
 *
 * <p><b>Stages.</b> Every rule names a {@link Stage}; the stages run in their order, so a cap rule
 * sees the multiplied points and the split rule sees the capped ones. See {@code docs/RULES.md}.
 *
 * <p><b>Explanations.</b> Every award, badge, qualification and risk flag names the rule that made
 * it ({@code @ruleId}, or the rule's name) and the rule set's version; the outcome's decisions say
 * which rules fired, on which facts, and what they did.
 *
 * <p>Thread-safe: compiled rule sets are shared by all threads; each evaluation has its own session.
 * Deterministic for the same facts, and reads no clock.
 */
public final class DroolsRuleEngine implements RuleEngine {
  private static final Logger LOG = LoggerFactory.getLogger(DroolsRuleEngine.class);
  /** The default limit of rule firings per activity. */
  public static final int DEFAULT_MAX_FIRINGS = 10_000;
  /**
   * The default time limit of one evaluation: thousands of times what the ready-made program takes
   * (a fraction of a millisecond), short enough that a runaway rule does not hold an activity, and
   * the partner's lock, for long.
   */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(2);

  private final RuleCompiler compiler;
  private final Limits limits;
  private final AtomicReference<NavigableMap<Instant, CompiledRuleSet>> timeline =
      new AtomicReference<>(Collections.emptyNavigableMap());
  private final Object installLock = new Object();

  private DroolsRuleEngine(ClassLoader loader, Limits limits) {
    this.compiler = new RuleCompiler(loader);
    this.limits = limits;
  }

  /**
   * An engine with {@code first} and {@code more} installed, classes resolved through this
   * library's class loader.
   *
   * @throws RuleCompilationException if a rule set does not compile
   */
  public static DroolsRuleEngine of(RuleSet first, RuleSet... more) {
    Builder builder = builder().ruleSet(first);
    for (RuleSet ruleSet : more) {
      builder.ruleSet(ruleSet);
    }
    return builder.build();
  }

  /** A builder, for a class loader, a firing limit or several rule sets. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every problem of {@code ruleSet}, without installing it; empty if it compiles. Compiles it with
   * Drools (a second or more), so call it from tools (a CLI, a CI check), not per activity.
   */
  public static List<RuleProblem> validate(RuleSet ruleSet) {
    return check(ruleSet).problems();
  }

  /** {@link #validate(RuleSet)} with the fact classes resolved through {@code loader}. */
  public static List<RuleProblem> validate(RuleSet ruleSet, ClassLoader loader) {
    return check(ruleSet, loader).problems();
  }

  /**
   * Every problem and every warning of {@code ruleSet}, without installing it: what {@link
   * #validate(RuleSet)} gives, and what compiles but deserves the author's look. Compiles it with
   * Drools, so call it from tools, not per activity; never null.
   */
  public static RuleCheck check(RuleSet ruleSet) {
    return check(ruleSet, DroolsRuleEngine.class.getClassLoader());
  }

  /** {@link #check(RuleSet)} with the fact classes resolved through {@code loader}; never null. */
  public static RuleCheck check(RuleSet ruleSet, ClassLoader loader) {
    return new RuleCompiler(requireNonNull(loader, "loader")).check(requireNonNull(ruleSet, "ruleSet"));
  }

  /**
   * Compiles {@code ruleSet} and puts it in force from its {@code effectiveFrom}, atomically. An
   * installed rule set with the same {@code effectiveFrom} is replaced. Installs are serialised;
   * evaluations are never blocked.
   *
   * @return the installed rule set, with the warnings its checks found (also logged); never null
   * @throws RuleCompilationException if it does not compile; the rule sets in force are unchanged
   * @throws IllegalArgumentException if its version is already installed (with another date: a
   *                                  version names one rule set in every explanation)
   */
  public RuleSetInfo install(RuleSet ruleSet) {
    requireNonNull(ruleSet, "ruleSet");
    synchronized (installLock) {
      for (CompiledRuleSet installed : timeline.get().values()) {
        if (installed.version().equals(ruleSet.version())
            && !installed.effectiveFrom().equals(ruleSet.effectiveFrom())) {
          throw new IllegalArgumentException("rule set version " + ruleSet.version() + " is already installed, "
              + "effective from " + installed.effectiveFrom() + "; give the new rule set a new version");
        }
      }
      CompiledRuleSet compiled = compiler.compile(ruleSet, limits);
      NavigableMap<Instant, CompiledRuleSet> next = new TreeMap<>(timeline.get());
      CompiledRuleSet replaced = next.put(ruleSet.effectiveFrom(), compiled);
      timeline.set(Collections.unmodifiableNavigableMap(next));
      LOG.info("rule set {} in force {}{} ({} rules{})", ruleSet.version(), ruleSet.effectiveFrom().equals(Instant.MIN)
          ? "always" : "from " + ruleSet.effectiveFrom(), replaced == null ? "" : ", replacing " + replaced.version(),
          compiled.ruleIds().size(), ruleSet.trusted() ? ", trusted" : "");
      for (RuleProblem warning : compiled.warnings()) {
        LOG.warn("rule set {}: {}", ruleSet.version(), warning);
      }
      return info(compiled);
    }
  }

  /** The installed rule sets, earliest first; never null. */
  public List<RuleSetInfo> ruleSets() {
    List<RuleSetInfo> infos = new ArrayList<>();
    for (CompiledRuleSet c : timeline.get().values()) {
      infos.add(info(c));
    }
    return List.copyOf(infos);
  }

  private static RuleSetInfo info(CompiledRuleSet c) {
    return new RuleSetInfo(c.version(), c.effectiveFrom(), c.ruleIds(), c.warnings());
  }

  /** The version in force at {@code at}, if any rule set is. */
  public Optional<String> versionAt(Instant at) {
    return Optional.ofNullable(timeline.get().floorEntry(requireNonNull(at, "at"))).map(e -> e.getValue().version());
  }

  /**
   * Evaluates {@code facts} with the rule set in force at the activity's occurred-at time.
   *
   * @throws RuleEvaluationException if no rule set is in force then, or the rules fail
   */
  @Override
  public RuleOutcome evaluate(RuleFacts facts) {
    requireNonNull(facts, "facts");
    Activity activity = facts.activity();
    // One read of the timeline: the whole evaluation uses the rule sets as they were at this moment.
    NavigableMap<Instant, CompiledRuleSet> current = timeline.get();
    Map.Entry<Instant, CompiledRuleSet> inForce = current.floorEntry(activity.occurredAt());
    if (inForce == null) {
      throw new RuleEvaluationException("no rule set is in force at " + activity.occurredAt() + " for "
          + activity.kind() + " " + activity.id() + (current.isEmpty() ? "; none is installed"
          : "; the earliest, " + current.firstEntry().getValue().version() + ", applies from " + current.firstKey()));
    }
    return inForce.getValue().evaluate(facts);
  }

  /**
   * What is wrong with {@code program}'s parameters for the installed rule sets: a parameter (or
   * campaign parameter) no rule of any of them reads, which is usually a misspelling that would
   * silently switch a rule off, with the closest name they read; and a value a ready-made rule could
   * not read ({@link StandardParameters#valueProblems}). Each problem is at the parameter's JSON
   * path in the program definition ({@code $.parameters['earn.pionts']}). {@code
   * LoyaltyEngine.builder(program, rules).build()} calls it and refuses a program with problems, so
   * install every rule set a program needs before building the engine.
   *
   * <p>A rule set's reads are found in its DRL (see docs/RULES.md, "Parameters your rules read"): a
   * name written in a reader ({@code whole("mix.points")}), a prefix ({@code whole("training.points."
   * + $course)}), the ready-made helpers, and {@code @parameters("...")} on a rule. When a rule reads
   * a name the DRL does not show and does not declare, unknown names are not refused (the engine
   * cannot tell them apart) and the rule set's compile warnings say so.
   *
   * @return never null; empty when the program fits the rules, or when no rule set is installed
   */
  @Override
  public List<InputProblem> problems(Program program) {
    requireNonNull(program, "program");
    return ParameterProblems.of(program, timeline.get().values());
  }

  /**
   * Settings of a {@link DroolsRuleEngine}. Each setting may be given once; rule sets any number of
   * times. Not thread-safe.
   */
  public static final class Builder {
    private final List<RuleSet> ruleSets = new ArrayList<>();
    private ClassLoader loader;
    private Integer maxFirings;
    private Duration timeLimit;

    private Builder() {
    }

    /** A rule set to install (in the order given). */
    public Builder ruleSet(RuleSet ruleSet) {
      ruleSets.add(requireNonNull(ruleSet, "ruleSet"));
      return this;
    }

    /**
     * The class loader that sees the classes rules use (Drools, this library, and any host class a
     * rule imports). Default: this library's.
     */
    public Builder classLoader(ClassLoader classLoader) {
      if (loader != null) {
        throw new IllegalStateException("classLoader is already set");
      }
      loader = requireNonNull(classLoader, "classLoader");
      return this;
    }

    /**
     * The most rule firings one activity may cause before the evaluation is refused as runaway
     * (rules re-activating each other). Default {@value DroolsRuleEngine#DEFAULT_MAX_FIRINGS}.
     */
    public Builder maxFiringsPerActivity(int max) {
      if (maxFirings != null) {
        throw new IllegalStateException("maxFiringsPerActivity is already set");
      }
      if (max < 1) {
        throw new IllegalArgumentException("maxFiringsPerActivity must be positive, got " + max);
      }
      maxFirings = max;
      return this;
    }

    /**
     * The longest one activity's evaluation may take; past it the evaluation is abandoned and the
     * activity refused with a {@link RuleTimeoutException} naming the rule that was running, and
     * nothing changes. Default {@link DroolsRuleEngine#DEFAULT_TIME_LIMIT}. At the limit the session
     * is halted and the evaluating thread interrupted: a consequence that waits (sleeps, waits on a
     * lock) stops at once; code that computes without waiting cannot be stopped in Java and holds
     * the thread until it returns, and is refused then (see docs/RULES.md, "Time limit").
     */
    public Builder evaluationTimeLimit(Duration limit) {
      if (timeLimit != null) {
        throw new IllegalStateException("evaluationTimeLimit is already set");
      }
      requireNonNull(limit, "limit");
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("evaluationTimeLimit must be positive, got " + limit);
      }
      timeLimit = limit;
      return this;
    }

    /**
     * The engine, with every rule set installed.
     *
     * @throws RuleCompilationException if a rule set does not compile
     */
    public DroolsRuleEngine build() {
      DroolsRuleEngine engine = new DroolsRuleEngine(loader != null ? loader : DroolsRuleEngine.class.getClassLoader(),
          new Limits(maxFirings != null ? maxFirings : DEFAULT_MAX_FIRINGS,
              timeLimit != null ? timeLimit : DEFAULT_TIME_LIMIT));
      for (RuleSet ruleSet : ruleSets) {
        engine.install(ruleSet);
      }
      return engine;
    }
  }
}
