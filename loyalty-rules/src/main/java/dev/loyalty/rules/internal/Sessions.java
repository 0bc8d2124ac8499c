package dev.loyalty.rules.internal;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.time.SessionPseudoClock;

/**
 * Where an evaluation's session comes from, and the promise that it starts as a new session would:
 * no fact, no result and no agenda state of an earlier evaluation, and a clock that reads the
 * activity's time.
 *
 * <p><b>Pooled or new.</b> A pooled session is returned to the pool with {@code dispose()}, which
 * resets it; measured (SessionStrategyMeasurement) that is about 10% faster than a new session per
 * evaluation. But Drools' reset does not put back everything: {@code
 * StatefulKnowledgeSessionImpl.reset()} resets the agenda, which stamps every activation group with
 * the session's current fact recency ({@code triggeredForRecency}), and only then resets the fact
 * handle counter to 0. In the reused session the facts of the next evaluation are therefore
 * "older" than the stamp, so {@code DefaultAgenda.addItemToActivationGroup} leaves their matches
 * out of the group, nothing cancels the other rules of the group, and every matching rule of an
 * {@code activation-group} fires: a banded table paid several bands at once, more or fewer
 * depending on how many facts the earlier evaluations had made. That stamp is the only state the
 * reset leaves behind that a rule can observe (the agenda groups are reset without one, the focus
 * stack is cleared, globals and timers are reset; the other recency checks, for {@code
 * lock-on-active}, read the agenda groups). So a rule set with an activation group gets a new
 * session for every evaluation, and the others keep the pool. Rules cannot reach the agenda
 * themselves ({@code drools}/{@code kcontext} are refused by the rule checker) to leave other state.
 *
 * <p><b>Clock.</b> Every session has a pseudo clock, set to the activity's occurred-at time before
 * the facts go in: whatever in Drools reads the session clock reads the activity's time, never the
 * wall clock.
 *
 * <p>Thread-safe; a session it hands out belongs to the calling thread until disposed.
 */
final class Sessions {
  private final KieBase base;
  private final KieSessionConfiguration configuration;
  private final KieSessionsPool pool;

  /**
   * Sessions over {@code base}: pooled (with one session per processor, at least two) unless
   * {@code fresh}, in which case every evaluation gets a new one.
   */
  Sessions(KieBase base, boolean fresh, ClassLoader loader) {
    this.base = base;
    this.configuration = DroolsContext.call(loader, () -> {
      KieSessionConfiguration c = KieServices.Factory.get().newKieSessionConfiguration();
      c.setOption(ClockTypeOption.PSEUDO);
      return c;
    });
    this.pool = fresh ? null : base.newKieSessionsPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /** Whether every evaluation gets a new session (the rule set has an activation group). */
  boolean fresh() {
    return pool == null;
  }

  /** A session for one evaluation, its clock at {@code at}; the caller disposes it. */
  KieSession open(Instant at) {
    return at(pool != null ? pool.newKieSession(configuration) : base.newKieSession(configuration, null), at);
  }

  /** A new session, never a pooled one (to measure the two). */
  KieSession openNew(Instant at) {
    return at(base.newKieSession(configuration, null), at);
  }

  private static KieSession at(KieSession session, Instant at) {
    SessionPseudoClock clock = session.getSessionClock();
    clock.advanceTime(millis(at) - clock.getCurrentTime(), TimeUnit.MILLISECONDS);
    return session;
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
