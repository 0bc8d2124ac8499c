package dev.loyalty.ledger.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's index of posted amounts by effective time against a plain sorted map, in
 * every order of arrival, through splits of leaves and inner nodes (trees three levels deep).
 */
class PostedByTimeTest {

  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  /** One posting: at {@code BASE + second} plus {@code nano} nanoseconds, {@code amount} points. */
  record Posting(int second, int nano, long amount) {
    Instant at() {
      return BASE.plusSeconds(second).plusNanos(nano);
    }
  }

  /** The definition: the greatest sum of the amounts after s, over s from {@code from} on, at least 0. */
  private static long naive(NavigableMap<Instant, Long> byTime, Instant from) {
    long most = 0;
    long later = 0;
    for (Map.Entry<Instant, Long> e : byTime.descendingMap().entrySet()) {
      if (!e.getKey().isAfter(from)) {
        break;
      }
      later += e.getValue();
      most = Math.max(most, later);
    }
    return most;
  }

  /** Every instant held, one nanosecond either side, and before and after all of them. */
  private static void assertAgrees(PostedByTime index, NavigableMap<Instant, Long> byTime) {
    List<Instant> asked = new ArrayList<>(List.of(Instant.parse("0001-01-01T00:00:00Z"),
        Instant.parse("9999-12-31T23:59:59.999999999Z")));
    for (Instant t : byTime.keySet()) {
      asked.addAll(List.of(t, t.minusNanos(1), t.plusNanos(1)));
    }
    for (Instant t : asked) {
      assertThat(index.mostPostedAfter(t)).as("most posted after %s", t).isEqualTo(naive(byTime, t));
    }
  }

  @Provide
  Arbitrary<List<Posting>> postings() {
    // few distinct seconds and nanoseconds, so that instants repeat; amounts of both signs
    Arbitrary<Integer> second = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(0, 40)),
        Tuple.of(1, Arbitraries.integers().between(0, 5_000)));
    Arbitrary<Integer> nano = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.of(1, 999_999_999)));
    Arbitrary<Long> amount = Arbitraries.longs().between(-500, 500);
    return Combinators.combine(second, nano, amount).as(Posting::new).list().ofMaxSize(3_000);
  }

  @Property(tries = 150)
  void agreesWithThePlainDefinitionInAnyOrderOfArrival(@ForAll("postings") List<Posting> postings,
      @ForAll @IntRange(min = 0, max = 2) int order) {
    List<Posting> arriving = new ArrayList<>(postings);
    if (order == 1) {
      arriving.sort((a, b) -> a.at().compareTo(b.at()));
    } else if (order == 2) {
      arriving.sort((a, b) -> b.at().compareTo(a.at()));
    }
    PostedByTime index = new PostedByTime();
    NavigableMap<Instant, Long> byTime = new TreeMap<>();
    int step = 0;
    for (Posting p : arriving) {
      index.add(p.at(), p.amount());
      if (p.amount() != 0) {
        byTime.merge(p.at(), p.amount(), Long::sum);
      }
      // now and then in the middle, always at the end
      if (++step % 500 == 0) {
        assertAgrees(index, byTime);
      }
    }
    assertAgrees(index, byTime);
    assertThat(index.size()).isEqualTo(byTime.size());
  }

  @Test
  void threeLevelsInTimeOrderInReverseAndInterleaved() {
    int n = 40_000; // more than 32 * 32 leaves' worth: the root's children split too
    for (int order = 0; order < 3; order++) {
      PostedByTime index = new PostedByTime();
      NavigableMap<Instant, Long> byTime = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        int second = switch (order) {
          case 0 -> i;
          case 1 -> n - i;
          default -> i % 2 == 0 ? i : n + n - i; // from both ends towards the middle
        };
        long amount = (i % 7 == 0 ? -3 : 5) * (1 + i % 11);
        index.add(BASE.plusSeconds(second), amount);
        byTime.merge(BASE.plusSeconds(second), amount, Long::sum);
      }
      for (Instant t : byTime.keySet()) {
        if (t.getEpochSecond() % 97 == 0) {
          assertThat(index.mostPostedAfter(t)).isEqualTo(naive(byTime, t));
          assertThat(index.mostPostedAfter(t.minusNanos(1))).isEqualTo(naive(byTime, t.minusNanos(1)));
        }
      }
      assertThat(index.size()).isEqualTo(n);
    }
  }

  @Test
  void theExtremesOfTheLedgersInstantsAndAmountsThatCancelOut() {
    PostedByTime index = new PostedByTime();
    Instant first = Instant.parse("0001-01-01T00:00:00Z");
    Instant last = Instant.parse("9999-12-31T23:59:59.999999999Z");
    index.add(last, Long.MAX_VALUE);
    index.add(first, 5);
    assertThat(index.mostPostedAfter(first)).isEqualTo(Long.MAX_VALUE);
    assertThat(index.mostPostedAfter(first.minusNanos(1))).isEqualTo(Long.MAX_VALUE);
    assertThat(index.mostPostedAfter(last)).isZero();
    index.add(last, -Long.MAX_VALUE); // a credit and a debit at the same instant: nothing after
    assertThat(index.mostPostedAfter(first)).isZero();
    assertThat(index.mostPostedAfter(first.minusNanos(1))).isEqualTo(5);
    index.add(first, 0); // changes nothing, adds no entry
    assertThat(index.size()).isEqualTo(2);
  }

  /**
   * What the index costs: entries in time order fill whole leaves (about 23 bytes each); in random
   * order leaves are at least half full on average.
   */
  @Test
  void bytesPerEntry() {
    PostedByTime inOrder = new PostedByTime();
    PostedByTime shuffled = new PostedByTime();
    int n = 100_000;
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < n; i++) {
      inOrder.add(BASE.plusSeconds(i), 10);
      shuffled.add(BASE.plusSeconds(random.nextInt(1_000_000_000)).plusNanos(random.nextInt(1000)), 10);
    }
    assertThat((double) inOrder.bytes() / inOrder.size()).isLessThan(25);
    assertThat((double) shuffled.bytes() / shuffled.size()).isLessThan(50);
  }
}
