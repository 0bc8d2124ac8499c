package dev.loyalty.ledger.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Threads released together by one latch, so that they really race, for the tests of what stores
 * and engines do under concurrent writers: every module's concurrency tests start their threads
 * here (published in the ledger's test-jar) instead of setting up pools and latches by hand.
 */
public final class Together {
  private Together() {
  }

  /** A thread's part of a concurrent test, given its number. */
  public interface Part {
    void run(int thread) throws Exception;
  }

  /** What one racing task came to: a value or an exception, never both. */
  public record Outcome<T>(T value, Throwable failure) {
    /** Whether it returned normally. */
    public boolean won() {
      return failure == null;
    }
  }

  /**
   * Runs {@code part} on {@code threads} threads started together and waits for all of them (at most
   * three minutes each).
   *
   * @throws ExecutionException the first failure, by thread order
   */
  public static void run(int threads, Part part) throws Exception {
    run(threads, 3, thread -> () -> {
      part.run(thread);
      return null;
    });
  }

  /**
   * Runs {@code bodies.apply(t)} for every {@code t} from 0 to {@code threads - 1}, each on a thread
   * of its own, started together; waits for all of them (at most {@code minutes} each).
   *
   * @return their results, in thread order
   * @throws ExecutionException the first failure, by thread order
   */
  public static <T> List<T> run(int threads, int minutes, IntFunction<Callable<T>> bodies) throws Exception {
    List<Callable<T>> tasks = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      tasks.add(bodies.apply(t));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<T> results = new ArrayList<>(threads);
      for (Future<T> f : start(pool, tasks)) {
        results.add(f.get(minutes, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Runs {@code tasks} at once and waits (up to a minute each) for all of them, a failure being an
   * outcome like a value: for races of which one side is meant to lose.
   *
   * @return what each came to, in the order given
   */
  public static <T> List<Outcome<T>> race(List<Callable<T>> tasks) {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Outcome<T>> outcomes = new ArrayList<>(tasks.size());
      for (Future<T> f : start(pool, tasks)) {
        try {
          outcomes.add(new Outcome<>(f.get(1, TimeUnit.MINUTES), null));
        } catch (ExecutionException e) {
          outcomes.add(new Outcome<>(null, e.getCause()));
        }
      }
      return outcomes;
    } catch (Exception e) {
      throw new IllegalStateException("the race did not finish", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@link #race(List)} of {@code n} copies of {@code task}, each given its index. */
  public static <T> List<Outcome<T>> race(int n, IntFunction<T> task) {
    List<Callable<T>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int index = i;
      tasks.add(() -> task.apply(index));
    }
    return race(tasks);
  }

  /** Submits every task to wait on one latch, then opens it. */
  private static <T> List<Future<T>> start(ExecutorService pool, List<Callable<T>> tasks) {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> running = new ArrayList<>(tasks.size());
    for (Callable<T> task : tasks) {
      running.add(pool.submit(() -> {
        start.await();
        return task.call();
      }));
    }
    start.countDown();
    return running;
  }
}
