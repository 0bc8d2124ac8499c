package dev.loyalty.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks on their own threads, released together by a latch so they really race, and hands
 * back what each returned or threw, in the order given.
 */
public final class Race {
  private Race() {
  }

  /** What one task came to: a value or an exception, never both. */
  public record Outcome<T>(T value, Throwable failure) {
    /** Whether it returned normally. */
    public boolean won() {
      return failure == null;
    }
  }

  /** Runs {@code tasks} at once and waits (up to a minute) for all of them. */
  public static <T> List<Outcome<T>> run(List<Callable<T>> tasks) {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<T> f : futures) {
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

  /** Runs {@code n} copies of {@code task}, each given its index. */
  public static <T> List<Outcome<T>> run(int n, java.util.function.IntFunction<T> task) {
    List<Callable<T>> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      tasks.add(() -> task.apply(index));
    }
    return run(tasks);
  }
}
