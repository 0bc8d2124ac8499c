package dev.loyalty.core.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kills the process, as far as the engine can tell, at one chosen write of any store it wraps: the
 * writes of every wrapped store (ledger, redemption, stock, code pool, outbox) are counted together,
 * and the armed one throws a {@link Crash} before it is written, or after (the write landed, the
 * answer was lost). Stores are wrapped with dynamic proxies, so a port that grows a method needs
 * no change here. It can also run something just before a given write, once (another redemption
 * taking the points meanwhile, say).
 */
public final class Faults {
  /** Whether the armed write lands before the crash. */
  public enum When {
    BEFORE, AFTER
  }

  /** The process died. */
  public static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash(String message) {
      super(message);
    }
  }

  private final AtomicInteger writes = new AtomicInteger();
  private volatile int armedAt = -1;
  private volatile When when = When.BEFORE;
  private volatile boolean fired;
  private final Map<String, Runnable> before = new HashMap<>();
  /** Set while a "meanwhile" action runs: its writes are another process's, neither counted nor crashed. */
  private final ThreadLocal<Boolean> meanwhileRunning = ThreadLocal.withInitial(() -> false);

  /** Counts from zero again and crashes at the {@code step}-th write from now (1 is the next). */
  public synchronized void arm(int step, When mode) {
    writes.set(0);
    armedAt = step;
    when = mode;
    fired = false;
  }

  /** Counts writes from zero, crashing at none. */
  public synchronized void count() {
    writes.set(0);
    armedAt = -1;
    fired = false;
  }

  /** Crashes at nothing more. */
  public void disarm() {
    armedAt = -1;
  }

  /** Writes counted since the last {@link #arm} or {@link #count}. */
  public int writes() {
    return writes.get();
  }

  /** Whether the armed crash happened. */
  public boolean fired() {
    return fired;
  }

  /**
   * Runs {@code action} once, just before the next call of a wrapped store's method {@code method},
   * as another process would: its own writes are neither counted nor crashed.
   */
  public synchronized void onceBefore(String method, Runnable action) {
    before.put(method, action);
  }

  /** {@code target} as {@code type}, its {@code writeMethods} counted (and crashed at when armed). */
  @SuppressWarnings("unchecked")
  public <T> T wrap(Class<T> type, T target, Set<String> writeMethods) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      Runnable meanwhile;
      synchronized (this) {
        meanwhile = before.remove(method.getName());
      }
      if (meanwhile != null) {
        meanwhileRunning.set(true);
        try {
          meanwhile.run();
        } finally {
          meanwhileRunning.set(false);
        }
      }
      boolean crash = false;
      if (writeMethods.contains(method.getName()) && !meanwhileRunning.get()) {
        int n = writes.incrementAndGet();
        crash = n == armedAt;
      }
      if (crash && when == When.BEFORE) {
        fired = true;
        throw new Crash("process killed before " + type.getSimpleName() + "." + method.getName());
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (crash) {
        fired = true;
        throw new Crash("process killed after " + type.getSimpleName() + "." + method.getName());
      }
      return result;
    });
  }
}
