package dev.loyalty.rules.internal;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
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
 * interrupts a thread, so it cannot be held up by the rules it watches. An evaluation does not wake
 * it: each thread that evaluates has a slot the watcher reads, the evaluation puts itself in its
 * thread's slot, and the watcher sleeps until the earliest deadline it found there (or until woken,
 * when it had none, or when an evaluation's deadline comes before its wake-up). A deadline
 * scheduled and cancelled per evaluation (a {@code ScheduledThreadPoolExecutor}, as before) woke
 * the watcher for every evaluation: about 2 µs of the evaluating thread's CPU (the futex wake) and
 * a context switch on the other core, some 5% of an evaluation of the ready-made rules
 * (docs/BENCHMARKS.md). Under a steady stream of evaluations it now wakes about once per time limit.
 * Thread-safe; an instance belongs to the evaluation that started it.
 */
final class TimeLimit implements AutoCloseable {
  private static final Watcher WATCHER = new Watcher();
  private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(WATCHER::slot);

  private final Thread thread;
  private final KieSession session;
  private final Supplier<Optional<Rule>> running;
  private final Slot slot;
  // the evaluation this one runs inside on the same thread, if any (a host's rule engine evaluating
  // from a consequence): watched too while this one runs, put back in the slot when this one closes
  private final TimeLimit outer;
  private final long started = System.nanoTime();
  private final long deadline;
  private Optional<Rule> runningAtLimit = Optional.empty();
  private volatile boolean done;
  private volatile boolean expired;

  private TimeLimit(KieSession session, Duration limit, Supplier<Optional<Rule>> running) {
    this.thread = Thread.currentThread();
    this.session = session;
    this.running = running;
    // beyond ~73 years a limit is no limit; held there so that the sum cannot overflow
    this.deadline = started + Math.min(limit.toNanos(), Long.MAX_VALUE / 4);
    this.slot = SLOT.get();
    this.outer = slot.current;
    slot.current = this;
    WATCHER.watch(deadline);
  }

  /**
   * Starts the clock of an evaluation running in {@code session} on this thread; {@code running}
   * says which rule's consequence is running, to name it when the limit passes.
   */
  static TimeLimit start(KieSession session, Duration limit, Supplier<Optional<Rule>> running) {
    return new TimeLimit(session, limit, running);
  }

  /** Halts the session and interrupts the thread, once, unless the evaluation has ended. */
  private synchronized void expire() {
    if (!done && !expired) {
      expired = true;
      runningAtLimit = running.get();
      session.halt();
      thread.interrupt();
    }
  }

  /** Whether the limit passed before the evaluation ended. */
  boolean expired() {
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
    slot.current = outer;
    if (interrupted) {
      Thread.interrupted();
    }
  }

  /** What the watcher reads of one thread: the evaluation running on it, if one is. */
  private static final class Slot {
    private final WeakReference<Thread> thread = new WeakReference<>(Thread.currentThread());
    private volatile TimeLimit current;

    /** Whether the slot's thread is gone (then it runs no evaluation, and the slot can go). */
    boolean gone() {
      Thread t = thread.get();
      return t == null || !t.isAlive();
    }
  }

  /** The one thread that expires evaluations past their deadline, and the slots it reads. */
  private static final class Watcher implements Runnable {
    private final CopyOnWriteArrayList<Slot> slots = new CopyOnWriteArrayList<>();
    private final Thread thread;
    // when it will look next (System.nanoTime), meaningful while not idle; idle: it sleeps until woken
    private volatile long wakeAt;
    private volatile boolean idle = true;
    // the watcher thread's own: the earliest deadline its last look found
    private long earliest;

    Watcher() {
      thread = new Thread(this, "loyalty-rules-time-limit");
      thread.setDaemon(true);
      thread.start();
    }

    /** A new thread's slot, watched from now on. */
    Slot slot() {
      Slot slot = new Slot();
      slots.add(slot);
      return slot;
    }

    /**
     * An evaluation with {@code deadline} is in its slot: wakes the watcher if it would otherwise
     * look too late. Read after the slot was written, as the watcher writes {@code idle} and
     * {@code wakeAt} before it reads the slots again: one of the two sees the other.
     */
    void watch(long deadline) {
      if (idle || deadline - wakeAt < 0) {
        LockSupport.unpark(thread);
      }
    }

    @Override
    public void run() {
      while (true) {
        if (!expireDue()) {
          idle = true;
          if (!expireDue()) { // nothing came in since it looked
            LockSupport.park(this);
          }
          idle = false;
        } else {
          long next = earliest;
          wakeAt = next;
          if (!expireDue() || earliest - next >= 0) { // nothing earlier came in since it looked
            LockSupport.parkNanos(this, next - System.nanoTime());
          }
        }
      }
    }

    /**
     * Expires every evaluation past its deadline; whether one is still running within its limit,
     * the earliest deadline of those then in {@link #earliest}. Drops the slots of threads that are
     * gone.
     */
    private boolean expireDue() {
      long now = System.nanoTime();
      boolean any = false;
      for (Slot slot : slots) {
        if (slot.current == null && slot.gone()) {
          slots.remove(slot);
          continue;
        }
        for (TimeLimit t = slot.current; t != null; t = t.outer) {
          if (t.done || t.expired) {
            continue;
          }
          if (now - t.deadline >= 0) {
            try {
              t.expire();
            } catch (RuntimeException e) {
              // marked expired before halting: the evaluation is refused all the same, and the
              // watcher must live on for the others
            }
          } else if (!any || t.deadline - earliest < 0) {
            earliest = t.deadline;
            any = true;
          }
        }
      }
      return any;
    }
  }
}
