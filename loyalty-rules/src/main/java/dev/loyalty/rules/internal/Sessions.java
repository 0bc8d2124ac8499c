package dev.loyalty.rules.internal;

import dev.loyalty.core.program.Program;
import dev.loyalty.rules.facts.ProgramParameters;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.EntryPointId;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.core.common.InternalFactHandle;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

/**
 * Where an evaluation's session comes from, and the promise that it starts as a new session would:
 * no fact, no result and no agenda state of an earlier evaluation, and a clock that reads the
 * activity's time.
 *
 * <p><b>Reused, pooled or new.</b> Three ways, chosen per rule set when it is compiled:
 *
 * <ul>
 *   <li><b>Reused</b> (the ready-made rules, and any rule set whose every rule matches a fact of
 *       the activity): a session keeps the program and its {@link ProgramParameters} as facts from
 *       one evaluation to the next, and at the end of an evaluation only the activity's facts and
 *       the results are deleted. What the rules computed from the program alone (an earn rate or a
 *       threshold list in a {@code from}, a parameter's test) stays in the session's memory instead
 *       of being computed again, and no reset rebuilds the session's memories. The next evaluation
 *       sees exactly what a new session with the program's facts would: Drools' memories hold what
 *       the facts in the session give, and every match of a rule involves a fact of the activity, so
 *       no match fired before can be "already fired" again. A rule that matches the program's facts
 *       alone (or an activity's fact only under {@code not}/{@code exists}) would fire once per
 *       session instead of once per activity, so a rule set with such a rule is pooled instead. A
 *       session whose evaluation failed (a rule threw, ran past the firing or time limit, or the
 *       session was halted), or whose program facts a rule deleted, is disposed, never reused.</li>
 *   <li><b>Pooled</b> (such a rule set): Drools' pool, whose {@code dispose()} resets the session;
 *       the program's facts are inserted with the activity's.</li>
 *   <li><b>New</b> (a rule set with an {@code activation-group}): a new session per evaluation. Drools'
 *       reset does not put back everything: {@code StatefulKnowledgeSessionImpl.reset()} resets the
 *       agenda, which stamps every activation group with the session's current fact recency ({@code
 *       triggeredForRecency}), and only then resets the fact handle counter to 0. In the reused
 *       session the facts of the next evaluation are therefore "older" than the stamp, so {@code
 *       DefaultAgenda.addItemToActivationGroup} leaves their matches out of the group, nothing
 *       cancels the other rules of the group, and every matching rule of an {@code activation-group}
 *       fires: a banded table paid several bands at once. A session reused by deleting facts keeps
 *       each group's stamp too, so an activation group always gets a new session. Rules cannot reach
 *       the agenda themselves ({@code drools}/{@code kcontext} are refused by the rule checker) to
 *       leave other state.</li>
 * </ul>
 *
 * <p>Measured on the ready-made program (DroolsCpuProbe, docs/BENCHMARKS.md): about 15% less CPU per
 * evaluation reused than pooled; the pool's reset and the re-inserted facts were 7% and 10% of the
 * evaluation's profile.
 *
 * <p><b>Clock.</b> Every session has a pseudo clock, set to the activity's occurred-at time before
 * the facts go in: whatever in Drools reads the session clock reads the activity's time, never the
 * wall clock.
 *
 * <p>Thread-safe; a lease it hands out belongs to the calling thread until {@linkplain #close
 * closed}.
 */
final class Sessions {
  /** How an evaluation gets its session. */
  enum Strategy {
    REUSED, POOLED, NEW
  }

  private final KieBase base;
  private final Strategy strategy;
  private final KieSessionConfiguration configuration;
  private final KieSessionsPool pool;
  private final ConcurrentLinkedDeque<Lease> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private final int maxIdle;

  /** Sessions over {@code base}, each evaluation's got the {@code strategy} way. */
  Sessions(KieBase base, Strategy strategy, ClassLoader loader) {
    this.base = base;
    this.strategy = strategy;
    this.configuration = DroolsContext.call(loader, () -> {
      KieSessionConfiguration c = KieServices.Factory.get().newKieSessionConfiguration();
      c.setOption(ClockTypeOption.PSEUDO);
      // not ThreadSafeOption.NO, although a session is used by one thread at a time: Drools 10.2
      // then shares per-rule state between every session of the rule base (a consequence keeps its
      // facts array; HotSwapTest's threads failed), and its KieSession.getObject throws
      // (docs/BENCHMARKS.md, "Issue 20: the ready-made rules' parameters and helpers")
      return c;
    });
    this.maxIdle = Math.max(2, Runtime.getRuntime().availableProcessors());
    this.pool = strategy == Strategy.POOLED ? base.newKieSessionsPool(maxIdle) : null;
  }

  /**
   * The way {@code base}'s evaluations get their sessions: new ones if a rule has an activation
   * group, else reused if every rule matches a fact that is not the program's, else pooled.
   */
  static Strategy strategyFor(KieBase base, boolean activationGroups) {
    if (activationGroups) {
      return Strategy.NEW;
    }
    for (KiePackage pkg : base.getKiePackages()) {
      for (Rule rule : pkg.getRules()) {
        if (rule instanceof RuleImpl impl && !impl.isQuery() && !matchesAnActivityFact(impl.getLhs())) {
          return Strategy.POOLED;
        }
      }
    }
    return Strategy.REUSED;
  }

  /**
   * Whether {@code and}, a rule's conditions, has a positive pattern, straight from the working
   * memory (not under {@code not}, {@code exists}, {@code or}, nor from a {@code from}, {@code
   * collect} or {@code accumulate}), on a type neither the program nor its parameters are.
   */
  private static boolean matchesAnActivityFact(GroupElement and) {
    if (!and.isAnd()) {
      return false;
    }
    for (RuleConditionElement element : and.getChildren()) {
      if (element instanceof GroupElement group && matchesAnActivityFact(group)) {
        return true;
      }
      if (element instanceof Pattern pattern && (pattern.getSource() == null
          || pattern.getSource() instanceof EntryPointId) && pattern.getObjectType() instanceof ClassObjectType type
          && !type.getClassType().isAssignableFrom(Program.class)
          && !type.getClassType().isAssignableFrom(ProgramParameters.class)) {
        return true;
      }
    }
    return false;
  }

  /** How evaluations get their sessions. */
  Strategy strategy() {
    return strategy;
  }

  /**
   * A session for one evaluation, its clock at {@code at}. The caller puts the program's facts in
   * with {@link Lease#holdProgram} (a no-op unless the session is reused), and closes it.
   */
  Lease open(Instant at) {
    return switch (strategy) {
      case REUSED -> {
        Lease lease = idle.pollFirst();
        if (lease != null) {
          idleCount.decrementAndGet();
        } else {
          lease = new Lease(base.newKieSession(configuration, null), true);
        }
        yield lease.at(at);
      }
      case POOLED -> new Lease(pool.newKieSession(configuration), false).at(at);
      case NEW -> new Lease(base.newKieSession(configuration, null), false).at(at);
    };
  }

  /** A new session, never a pooled or reused one (to measure and compare), used as {@link #open}'s. */
  Lease openNew(Instant at) {
    return new Lease(base.newKieSession(configuration, null), strategy == Strategy.REUSED).at(at);
  }

  /**
   * Ends {@code lease}'s evaluation. A reused session whose evaluation {@code succeeded} is emptied
   * of the facts {@code inserted} during it, which must leave only the program's, and kept for the
   * next; any other is disposed.
   */
  void close(Lease lease, boolean succeeded, List<FactHandle> inserted) {
    if (lease.reusable && succeeded && lease.empty(inserted)) {
      if (idleCount.incrementAndGet() <= maxIdle) {
        idle.offerFirst(lease);
        return;
      }
      idleCount.decrementAndGet();
    }
    lease.session.dispose();
  }

  /**
   * One evaluation's session, and the program facts it keeps between evaluations when it is reused.
   * Thread-confined.
   */
  static final class Lease {
    private final KieSession session;
    private final boolean reusable;
    private Program program;
    private ProgramParameters parameters;
    private FactHandle programHandle;
    private FactHandle parametersHandle;
    // the watcher of the session's evaluations, registered once if the session is reused
    private Evaluation evaluation;

    private Lease(KieSession session, boolean reusable) {
      this.session = session;
      this.reusable = reusable;
    }

    /** The watcher registered on a reused session by its first evaluation, or null. */
    Evaluation evaluation() {
      return evaluation;
    }

    /** Keeps {@code watcher}, registered on the reused session, for its next evaluations. */
    void keep(Evaluation watcher) {
      evaluation = watcher;
    }

    /** The session; never null. */
    KieSession session() {
      return session;
    }

    /**
     * Whether the program's facts stay in the session between evaluations ({@link #holdProgram}
     * puts them in); if not, the caller inserts them with the activity's.
     */
    boolean holdsProgram() {
      return reusable;
    }

    private Lease at(Instant at) {
      SessionPseudoClock clock = session.getSessionClock();
      clock.advanceTime(millis(at) - clock.getCurrentTime(), TimeUnit.MILLISECONDS);
      return this;
    }

    /**
     * Puts {@code program} and {@code parameters} in a reused session, in place of another program's;
     * nothing if the session is not reused. Throws what a rule's condition on them throws.
     */
    void holdProgram(Program program, ProgramParameters parameters) {
      if (reusable && (this.program != program || this.parameters != parameters)) {
        if (programHandle != null) {
          session.delete(programHandle);
          session.delete(parametersHandle);
        }
        // cleared first: if an insert throws (a parameter's condition fails) the lease is not reused
        this.program = null;
        this.parameters = null;
        programHandle = session.insert(program);
        parametersHandle = session.insert(parameters);
        this.program = program;
        this.parameters = parameters;
      }
    }

    /**
     * Deletes the facts {@code inserted} that are still in the session, the activity's first (so
     * that no match of a result outlives it); whether the session now holds just the program's
     * facts, so that it can serve the next evaluation.
     */
    private boolean empty(List<FactHandle> inserted) {
      try {
        if (program == null || session.getObject(programHandle) != program
            || session.getObject(parametersHandle) != parameters) {
          return false; // a rule deleted (or replaced) a program fact
        }
        for (FactHandle handle : inserted) {
          if (handle != programHandle && handle != parametersHandle && ((InternalFactHandle) handle).isValid()) {
            session.delete(handle);
          }
        }
        return session.getFactCount() == 2;
      } catch (RuntimeException e) {
        return false; // a session Drools cannot empty is not reused
      }
    }
  }

  /** {@code at} in epoch milliseconds, held to what a {@code long} can carry. */
  private static long millis(Instant at) {
    if (at.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE / 2))) {
      return Long.MIN_VALUE / 2;
    }
    if (at.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
      return Long.MAX_VALUE / 2;
    }
    return at.toEpochMilli();
  }
}
