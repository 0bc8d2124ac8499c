package dev.loyalty.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs one body per thread, all released at once, for the tests of what stores and engines do
 * under concurrent writers: what every concurrency test would otherwise set up by hand.
 */
public final class Together {
  private Together() {
  }

  /**
   * Runs {@code bodies.apply(t)} for every {@code t} from 0 to {@code threads - 1}, each on a thread
   * of its own, started together; waits for all of them (at most {@code minutes}).
   *
   * @return their results, in thread order
   * @throws Exception the first failure, by thread order
   */
  public static <T> List<T> run(int threads, int minutes, IntFunction<Callable<T>> bodies) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> running = new ArrayList<>(threads);
      for (int t = 0; t < threads; t++) {
        Callable<T> body = bodies.apply(t);
        running.add(pool.submit(() -> {
          start.await();
          return body.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>(threads);
      for (Future<T> f : running) {
        results.add(f.get(minutes, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
