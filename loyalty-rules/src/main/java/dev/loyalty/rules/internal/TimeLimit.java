package dev.loyalty.rules.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;

/**
 * Holds one evaluation to its time limit. When the limit passes, the session is halted (no rule
 * fires after the one running) and the evaluating thread is interrupted (a consequence that waits,
 * in {@code sleep}, {@code wait}, {@code join} or on an interruptible lock, stops waiting); the
 * evaluation then ends as soon as the running code returns, and is refused. Code that computes
 * without waiting (a loop in a consequence, a slow condition or {@code from}) cannot be stopped from
 * outside in Java: it runs on until it returns, and only then is the evaluation refused.
 *
 * <p>One daemon thread for the whole JVM watches every deadline; it only ever halts a session and
 * interrupts a thread, so it cannot be held up by the rules it watches. Thread-safe.
 */
final class TimeLimit implements AutoCloseable {
  private static final ScheduledThreadPoolExecutor WATCH = watch();

  private final Thread thread;
  private final KieSession session;
  private final Supplier<Optional<Rule>> running;
  private Optional<Rule> runningAtLimit = Optional.empty();
  private final ScheduledFuture<?> deadline;
  private final long started = System.nanoTime();
  private boolean done;
  private boolean expired;

  private TimeLimit(KieSession session, Duration limit, Supplier<Optional<Rule>> running) {
    this.thread = Thread.currentThread();
    this.session = session;
    this.running = running;
    this.deadline = WATCH.schedule(this::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Starts the clock of an evaluation running in {@code session} on this thread; {@code running}
   * says which rule's consequence is running, to name it when the limit passes.
   */
  static TimeLimit start(KieSession session, Duration limit, Supplier<Optional<Rule>> running) {
    return new TimeLimit(session, limit, running);
  }

  private synchronized void expire() {
    if (!done) {
      expired = true;
      runningAtLimit = running.get();
      session.halt();
      thread.interrupt();
    }
  }

  /** Whether the limit passed before the evaluation ended. */
  synchronized boolean expired() {
    return expired;
  }

  /** The rule whose consequence was running when the limit passed, if one was. */
  synchronized Optional<Rule> runningAtLimit() {
    return runningAtLimit;
  }

  /** How long the evaluation has taken so far. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /**
   * Ends the watch; the deadline can no longer interrupt this thread. Clears the interrupt the
   * deadline set, so that the caller's thread goes on as it came in.
   */
  @Override
  public void close() {
    boolean interrupted;
    synchronized (this) {
      done = true;
      interrupted = expired;
    }
    deadline.cancel(false);
    if (interrupted) {
      Thread.interrupted();
    }
  }

  private static ScheduledThreadPoolExecutor watch() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "loyalty-rules-time-limit");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
