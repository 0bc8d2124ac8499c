package dev.loyalty.rules.internal;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.rules.RuleEvaluationException;
import dev.loyalty.rules.RuleProblem;
import dev.loyalty.rules.RuleTimeoutException;
import dev.loyalty.rules.Stage;
import dev.loyalty.rules.facts.MemberEarned;
import dev.loyalty.rules.facts.MemberFigures;
import dev.loyalty.rules.facts.MemberTier;
import dev.loyalty.rules.facts.ParentPartner;
import dev.loyalty.rules.facts.PartnerEarned;
import dev.loyalty.rules.facts.PartnerFigures;
import dev.loyalty.rules.facts.PartnerTier;
import dev.loyalty.rules.facts.ProgramParameters;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Agenda;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * One compiled, immutable rule set: a Drools knowledge base shared by every thread, and the
 * sessions over it ({@link Sessions}: reused with the program's facts kept in them, pooled, or a
 * new one per evaluation, whichever gives every evaluation the state of a new session). Each
 * evaluation takes a session whose clock reads the activity's time, inserts the activity's facts
 * (and the program's, unless the session holds them), gives the stages the focus in order, fires,
 * converts the results, and gives the session back (a reused one emptied of the evaluation's
 * facts, a pooled one reset, a failed one dropped).
 *
 * <p>Measured: a pool rather than a new session per evaluation (SessionStrategyMeasurement, one
 * thread, 2 cores, the chaining example: about 29,000 evaluations/s pooled against 26,000 with a new
 * session each); a reused session rather than the pool on the ready-made program (DroolsCpuProbe,
 * docs/BENCHMARKS.md: about 15% less CPU per evaluation). A replaced rule set's sessions are simply
 * dropped: an evaluation still running on one finishes normally and they go with the garbage.
 */
public final class CompiledRuleSet {
  private static final List<Stage> FOCUS_ORDER = reversed(Stage.inOrder());
  private static final Pattern CONSTRAINT_FAILED =
      Pattern.compile("constraint '(.*)' in \\[Rule \"(.*?)\" in ", Pattern.DOTALL);

  private final String version;
  private final Instant effectiveFrom;
  private final Sessions sessions;
  private final RuleIndex index;
  private final Limits limits;
  /** Each dated rule's days ({@code date-effective}/{@code date-expires}), by {@link RuleIndex#key}. */
  private final Map<String, DateWindow> windows;
  private final List<RuleProblem> warnings;
  private final ParameterReads reads;
  // a racy single-slot cache: at worst two threads each make one, both correct
  private volatile CachedParameters parameters;

  CompiledRuleSet(String version, Instant effectiveFrom, KieBase base, Limits limits, ClassLoader loader,
      Map<String, DateWindow> windows, List<RuleProblem> warnings, Map<String, RuleSite> sites,
      ParameterReads reads) {
    this.reads = reads;
    this.windows = windows;
    this.warnings = List.copyOf(warnings);
    this.version = version;
    this.effectiveFrom = effectiveFrom;
    this.index = new RuleIndex(base, version, sites);
    this.sessions = new Sessions(base, Sessions.strategyFor(base, index.usesActivationGroups()), loader);
    this.limits = limits;
  }

  /** The rule set's version. */
  public String version() {
    return version;
  }

  /** The first instant it applies to. */
  public Instant effectiveFrom() {
    return effectiveFrom;
  }

  /** What its checks found that compiles but deserves the author's look. */
  public List<RuleProblem> warnings() {
    return warnings;
  }

  /** The program parameters its rules read. */
  public ParameterReads parameterReads() {
    return reads;
  }

  /** The ids of its rules, sorted. */
  public List<String> ruleIds() {
    return index.ids();
  }

  /** Evaluates one activity. Thread-safe. */
  public RuleOutcome evaluate(RuleFacts facts) {
    return evaluate(facts, sessions.open(facts.activity().occurredAt()));
  }

  /** {@link #evaluate} in a session of its own instead of a pooled one (to measure and compare the two). */
  RuleOutcome evaluateInNewSession(RuleFacts facts) {
    return evaluate(facts, sessions.openNew(facts.activity().occurredAt()));
  }

  /** Whether every evaluation gets a new session rather than a pooled or reused one (see {@link Sessions}). */
  boolean freshSessions() {
    return sessions.strategy() == Sessions.Strategy.NEW;
  }

  /** How evaluations get their sessions (see {@link Sessions}). */
  Sessions.Strategy sessionStrategy() {
    return sessions.strategy();
  }

  private RuleOutcome evaluate(RuleFacts facts, Sessions.Lease lease) {
    KieSession session = lease.session();
    Activity activity = facts.activity();
    boolean succeeded = false;
    int maxFirings = limits.maxFirings();
    // a reused session keeps its watcher, registered once (see Evaluation)
    boolean keep = lease.holdsProgram();
    Evaluation evaluation = keep ? lease.evaluation() : null;
    if (evaluation != null) {
      evaluation.restart(activity);
    } else {
      evaluation = new Evaluation(index, version, activity, session);
      session.addEventListener((AgendaEventListener) evaluation);
      session.addEventListener((RuleRuntimeEventListener) evaluation);
      if (keep) {
        lease.keep(evaluation);
      }
    }
    TimeLimit limit = TimeLimit.start(session, limits.timeLimit(), evaluation::running);
    try {
      lease.holdProgram(facts.program(), parametersOf(facts.program()));
      insert(session, facts, !lease.holdsProgram());
      Agenda agenda = session.getAgenda();
      for (Stage stage : FOCUS_ORDER) {
        agenda.getAgendaGroup(stage.group()).setFocus();
      }
      int fired = windows.isEmpty() ? session.fireAllRules(maxFirings + 1)
          : session.fireAllRules(inForceOn(activity.occurredAt().atZone(facts.program().zone()).toLocalDate()),
              maxFirings + 1);
      if (limit.expired()) {
        throw timedOut(evaluation, activity, limit, null);
      }
      if (evaluation.failure().isPresent()) {
        throw evaluation.failure().get();
      }
      if (fired > maxFirings) {
        throw new RuleEvaluationException("rules of rule set " + version + " fired more than " + maxFirings
            + " times on " + activity.kind() + " " + activity.id() + "; the busiest: " + evaluation.busiestRules()
            + ". A rule whose consequence changes a fact that its own conditions (or another rule's in the same "
            + "stage) read wakes up again: add no-loop true, or a condition the change makes false");
      }
      RuleOutcome outcome = evaluation.outcome();
      succeeded = true;
      return outcome;
    } catch (ConsequenceException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (limit.expired()) {
        throw timedOut(evaluation, activity, limit, cause);
      }
      throw new RuleEvaluationException("rule " + index.describe(e.getMatch().getRule()) + " of rule set " + version
          + " failed on " + activity.kind() + " " + activity.id() + ": " + cause.getClass().getSimpleName() + ": "
          + cause.getMessage(), cause);
    } catch (RuleEvaluationException e) {
      throw e;
    } catch (RuntimeException e) {
      if (limit.expired()) {
        throw timedOut(evaluation, activity, limit, e);
      }
      throw conditionFailure(e, activity);
    } finally {
      FiringRule.clear(); // a consequence that threw never reached afterMatchFired
      limit.close();
      evaluation.close();
      if (!keep) {
        session.removeEventListener((AgendaEventListener) evaluation);
        session.removeEventListener((RuleRuntimeEventListener) evaluation);
      }
      sessions.close(lease, succeeded && !limit.expired(), evaluation.insertedHandles());
    }
  }

  /** The refusal of an evaluation that ran past its time limit, naming the rule that was running. */
  private RuleTimeoutException timedOut(Evaluation evaluation, Activity activity, TimeLimit limit, Throwable cause) {
    Optional<Rule> running = limit.runningAtLimit().or(evaluation::running);
    String who = running.map(r -> "rule " + index.describe(r) + " of rule set " + version)
        .orElse("the conditions of rule set " + version + " (no rule was firing: Drools was matching facts)");
    return new RuleTimeoutException(who + " ran past the evaluation time limit of " + show(limits.timeLimit())
        + " on " + activity.kind() + " " + activity.id() + "; the evaluation was abandoned after "
        + show(limit.elapsed()) + " and the activity refused", limits.timeLimit(),
        running.map(r -> index.ref(r).ruleId()), cause);
  }

  /** "2 s", "250 ms". */
  private static String show(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 && millis > 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%,d ms",
        millis);
  }

  /** Lets a dated rule fire only for an activity whose day is in its window. */
  private AgendaFilter inForceOn(LocalDate day) {
    return match -> {
      DateWindow window = windows.get(RuleIndex.key(match.getRule()));
      return window == null || window.contains(day);
    };
  }

  /**
   * A condition threw while Drools matched. A pattern's condition comes with its text and rule, in
   * Drools' words ("Error evaluating constraint 'x > 0' in [Rule "r" in file]"); an {@code eval}
   * only with its compiled expression, which the rule index maps back to the rule.
   */
  private RuleEvaluationException conditionFailure(RuntimeException e, Activity activity) {
    // the first exception that is not Drools' wrapper says what went wrong in the rule's own terms
    // ("parameter 'earn.per-amount' ... is not a number"); its own cause is usually lower level
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause && isDrools(cause)) {
      cause = cause.getCause();
    }
    Matcher m = CONSTRAINT_FAILED.matcher(String.valueOf(e.getMessage()));
    String where;
    if (m.find()) {
      String rule = m.group(2);
      where = "the condition '" + m.group(1) + "'" + index.condition(rule, m.group(1))
          .map(c -> " (" + c + ") of rule " + index.idOf(rule)).orElse(" of rule " + index.describe(rule))
          + " of rule set " + version;
    } else {
      where = evalFailure(e).or(() -> generatedFailure(e)).orElse("the rules of rule set " + version);
    }
    return new RuleEvaluationException(where + " failed on " + activity.kind() + " " + activity.id() + ": "
        + cause.getClass().getSimpleName() + ": " + cause.getMessage(), e);
  }

  /** "the condition 'eval(...)' (points.drl:9:3) of rule r of rule set v", if an eval failed. */
  private Optional<String> evalFailure(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      List<Rule> rules = index.rulesWithEval(String.valueOf(t.getMessage()));
      if (rules.size() == 1) {
        Rule rule = rules.get(0);
        Optional<Map.Entry<String, String>> eval = index.site(rule).flatMap(RuleSite::onlyEval);
        return Optional.of((eval.isPresent() ? "the condition '" + eval.get().getKey() + "' (" + eval.get().getValue()
            + ") of rule " + index.ref(rule).ruleId() : "an eval of rule " + index.describe(rule)) + " of rule set "
            + version);
      } else if (rules.size() > 1) {
        return Optional.of("an eval of one of the rules " + rules.stream().map(index::describe)
            .collect(Collectors.joining(", ")) + " of rule set " + version);
      }
    }
    return Optional.empty();
  }

  /** "a condition of rule r (points.drl:6:1) of rule set v", if a rule's generated code is on the stack. */
  private Optional<String> generatedFailure(RuntimeException e) {
    List<Rule> rules = index.rulesOnStack(e);
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of((rules.size() == 1 ? "a condition of rule " : "a condition of one of the rules ")
        + rules.stream().map(index::describe).collect(Collectors.joining(", ")) + " of rule set " + version);
  }

  private static boolean isDrools(Throwable t) {
    String name = t.getClass().getName();
    return name.startsWith("org.drools.") || name.startsWith("org.kie.") || t.getClass() == RuntimeException.class;
  }

  /**
   * The same {@link ProgramParameters} for every evaluation of one program, so that what helpers
   * parse from them is parsed once; a new one when the engine is given another program object.
   */
  private ProgramParameters parametersOf(Program program) {
    CachedParameters cached = parameters;
    if (cached == null || cached.program() != program) {
      cached = new CachedParameters(program, new ProgramParameters(program.id(), program.parameters()));
      parameters = cached;
    }
    return cached.parameters();
  }

  private record CachedParameters(Program program, ProgramParameters parameters) {
  }

  /** Inserts the activity's facts, and the program's unless the session already holds them. */
  private void insert(KieSession session, RuleFacts facts, boolean withProgram) {
    Program program = facts.program();
    session.insert(facts.activity());
    session.insert(facts.partner());
    facts.member().ifPresent(session::insert);
    facts.parent().map(ParentPartner::new).ifPresent(session::insert);
    session.insert(new PartnerFigures(facts.partnerFigures()));
    facts.memberFigures().filter(f -> facts.member().isPresent()).map(MemberFigures::new)
        .ifPresent(session::insert);
    session.insert(new PartnerEarned(facts.partnerEarned()));
    facts.memberEarned().map(MemberEarned::new).ifPresent(session::insert);
    facts.partnerTier().ifPresent(t -> session.insert(new PartnerTier(facts.partner().id(), t,
        Math.max(0, program.rank(t.id())))));
    facts.member().ifPresent(m -> facts.memberTier().ifPresent(t -> session.insert(new MemberTier(m.id(), t,
        Math.max(0, program.rank(t.id()))))));
    facts.campaigns().forEach(session::insert);
    if (withProgram) {
      session.insert(program);
      session.insert(parametersOf(program));
    }
    facts.claim().ifPresent(session::insert);
  }

  private static List<Stage> reversed(List<Stage> stages) {
    List<Stage> copy = new java.util.ArrayList<>(stages);
    java.util.Collections.reverse(copy);
    return List.copyOf(copy);
  }
}
