package dev.loyalty.examples.bench;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records one thread's activities through a {@link LoyaltyEngine}, in order; the latency is the
 * {@code record} call only. What the benchmarks that drive an engine share.
 */
final class EngineWorker implements BenchRunner.Worker {
  private final LoyaltyEngine engine;
  private final List<Activity> stream;
  private final Consumer<Tally> afterEach;
  private int next;

  EngineWorker(LoyaltyEngine engine, List<Activity> stream) {
    this(engine, stream, tally -> { });
  }

  /** {@code afterEach} adds to the tally after each timed call (e.g. the rules' share of it). */
  EngineWorker(LoyaltyEngine engine, List<Activity> stream, Consumer<Tally> afterEach) {
    this.engine = engine;
    this.stream = stream;
    this.afterEach = afterEach;
  }

  @Override
  public void operate(Tally tally) {
    Activity activity = stream.get(next);
    long start = System.nanoTime();
    Receipt receipt = engine.record(activity);
    long nanos = System.nanoTime() - start;
    next++;
    tally.record(Tally.Kind.of(activity), nanos);
    if (receipt.transaction().isPresent()) {
      tally.commands++;
    }
    afterEach.accept(tally);
  }

  /** The activities recorded so far, in order. */
  List<Activity> recorded() {
    return stream.subList(0, next);
  }

  /** Records, untimed, what a time limit left of the stream, so that every engine compared sees all of it. */
  void catchUp() {
    while (next < stream.size()) {
      engine.record(stream.get(next++));
    }
  }
}
