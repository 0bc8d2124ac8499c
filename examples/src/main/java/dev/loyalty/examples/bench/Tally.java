package dev.loyalty.examples.bench;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.ledger.RejectionCode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one thread saw during one phase of a run: latencies (overall and per kind of operation),
 * commands sent, refusals and substitutions. Used by one thread only; the runner merges them.
 */
final class Tally extends Counters {

  /** The kinds of operation whose latencies are reported separately. */
  enum Kind {
    EARN("earn"),
    TRANSFER("transfer"),
    HOLD_POST("hold+post"),
    HOLD("hold"),
    POST("post"),
    VOID("void"),
    EXPIRY("expiry run"),
    INVOICE("invoice"),
    RETURN("return"),
    OTHER_ACTIVITY("training/certification/report"),
    /** A redemption fulfilled at once (a code from a pool): one {@code redeem} call. */
    REDEEM_CODE("redeem a pool code"),
    /** Goods redeemed and shipped: {@code redeem} then {@code ship}. */
    REDEEM_SHIP("redeem goods + ship"),
    /** The rule engine's share of an activity's {@code record} call. */
    RULES("rules inside record");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The kind an activity's latency is counted under. */
    static Kind of(Activity activity) {
      return activity instanceof Sale ? INVOICE : activity instanceof SaleReturn ? RETURN : OTHER_ACTIVITY;
    }
  }

  private final boolean recording;
  private final LatencyRecorder overall;
  private final EnumMap<Kind, LatencyRecorder> byKind = new EnumMap<>(Kind.class);
  private final EnumMap<RejectionCode, Long> refusals = new EnumMap<>(RejectionCode.class);

  private Tally(boolean recording, int expectedOperations) {
    this.recording = recording;
    this.overall = recording ? new LatencyRecorder(expectedOperations) : null;
  }

  /** A tally that keeps latencies, pre-sized for about {@code expectedOperations}. */
  static Tally recording(int expectedOperations) {
    return new Tally(true, expectedOperations);
  }

  /** A tally for warm-up and setup work: counts, but keeps no latencies. */
  static Tally discarding() {
    return new Tally(false, 0);
  }

  void record(Kind kind, long nanos) {
    if (recording) {
      overall.record(nanos);
      byKind.computeIfAbsent(kind, k -> new LatencyRecorder(1 << 12)).record(nanos);
    }
  }

  /** Records a latency only per kind (for a command that is part of a larger recorded operation). */
  void recordPart(Kind kind, long nanos) {
    if (recording) {
      byKind.computeIfAbsent(kind, k -> new LatencyRecorder(1 << 12)).record(nanos);
    }
  }

  void refused(RejectionCode code) {
    refusals.merge(code, 1L, Long::sum);
  }

  long refusalCount() {
    long n = 0;
    for (long c : refusals.values()) {
      n += c;
    }
    return n;
  }

  /** Sums of the counters of {@code tallies}, with their latencies summarised. */
  static Merged merge(List<Tally> tallies) {
    Merged m = new Merged();
    Map<Kind, List<LatencyRecorder>> kinds = new EnumMap<>(Kind.class);
    List<LatencyRecorder> overalls = new ArrayList<>();
    for (Tally t : tallies) {
      m.add(t);
      t.refusals.forEach((code, n) -> m.refusals.merge(code, n, Long::sum));
      if (t.recording) {
        overalls.add(t.overall);
        t.byKind.forEach((kind, r) -> kinds.computeIfAbsent(kind, k -> new ArrayList<>()).add(r));
      }
    }
    m.latency = LatencyRecorder.summarize(overalls);
    kinds.forEach((kind, rs) -> m.latencyByKind.put(kind, LatencyRecorder.summarize(rs)));
    return m;
  }

  /** The merged counters of the threads of one run. */
  static final class Merged extends Counters {
    final EnumMap<RejectionCode, Long> refusals = new EnumMap<>(RejectionCode.class);
    LatencyRecorder.Summary latency;
    final EnumMap<Kind, LatencyRecorder.Summary> latencyByKind = new EnumMap<>(Kind.class);

    long refusalCount() {
      long n = 0;
      for (long c : refusals.values()) {
        n += c;
      }
      return n;
    }
  }
}
