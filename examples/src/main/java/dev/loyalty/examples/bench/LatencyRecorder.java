package dev.loyalty.examples.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Latencies in nanoseconds, appended to a growable {@code long[]} by one thread. Percentiles are
 * exact: the recorders of all threads are merged and sorted (no histogram buckets).
 */
final class LatencyRecorder {

  private long[] values;
  private int size;

  LatencyRecorder(int initialCapacity) {
    this.values = new long[Math.max(16, initialCapacity)];
  }

  void record(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[size++] = nanos;
  }

  int size() {
    return size;
  }

  /** Merges the recorders (of the threads of one run) and computes their percentiles. */
  static Summary summarize(List<LatencyRecorder> recorders) {
    int total = 0;
    for (LatencyRecorder r : recorders) {
      total = Math.addExact(total, r.size);
    }
    long[] all = new long[total];
    int at = 0;
    for (LatencyRecorder r : recorders) {
      System.arraycopy(r.values, 0, all, at, r.size);
      at += r.size;
    }
    Arrays.sort(all);
    long sum = 0;
    for (long v : all) {
      sum += v;
    }
    return new Summary(total, percentile(all, 50), percentile(all, 90), percentile(all, 99), percentile(all, 99.9),
        total == 0 ? 0 : all[total - 1], total == 0 ? 0 : sum / total);
  }

  /** Nearest-rank percentile of sorted values: the smallest value with at least p% of values at or below it. */
  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * Percentiles of one run, in nanoseconds.
   *
   * @param mean the arithmetic mean: what adds up, where one part of an operation is compared with
   *             the whole (percentiles of parts do not add up)
   */
  record Summary(long count, long p50, long p90, long p99, long p999, long max, long mean) {
    static double micros(long nanos) {
      return nanos / 1_000.0;
    }
  }
}
