package dev.loyalty.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.EventOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * Delivery across restarts, at least once: random appends, deliveries (the engine's {@code
 * deliverSoon} after an activity, the host's flush {@code deliver}), listeners that throw, and
 * dispatchers dropped for a new one over the same outbox, with or without a flush first. Each
 * listener, checked event by event against the outbox's order:
 *
 * <ul>
 *   <li>is handed every event, in order, none skipped (also past a listener's failure);</li>
 *   <li>after a restart preceded by a flush, goes on with the next event: nothing twice;</li>
 *   <li>after a restart without one, goes on from at most the first event of the last page the
 *       dropped dispatcher handed it (the position it kept to send with its next page): at most that
 *       page again, nothing earlier.</li>
 * </ul>
 *
 * <p>In memory here; on PostgreSQL in {@link DispatcherRestartOnPostgresTest}. Bugs it caught when
 * planted in {@link EventDispatcher}: {@code deliver()} not writing the kept positions (a flushed
 * restart repeats a page); the kept position dropped instead of sent with the next page (a restart
 * repeats more than the last page); the position of a whole page kept when the listener threw in it
 * (an event skipped).
 */
@PropertyDefaults(tries = 200)
class DispatcherRestartPropertiesTest {
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");
  private static final List<String> NAMES = List.of("crm", "sms");

  /** A new, empty outbox. */
  EventOutbox newOutbox() {
    return EventOutbox.inMemory();
  }

  sealed interface Op {
  }

  /** Appends {@code count} events. */
  record Append(int count) implements Op {
  }

  /** A delivery: the engine's after an activity, or (flush) the host's {@code deliverEvents()}. */
  record Deliver(boolean flush) implements Op {
  }

  /** The listener throws on the next event it is handed (once). */
  record Fail(int listener) implements Op {
  }

  /** The dispatcher is dropped (after a flush, or not: a crash) and a new one takes over. */
  record Restart(boolean flush) implements Op {
  }

  @Provide
  Arbitrary<List<Op>> runs() {
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1, 5).map(Append::new)),
        net.jqwik.api.Tuple.of(4, Arbitraries.of(true, false, false).map(Deliver::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, NAMES.size() - 1).map(Fail::new)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(true, false).map(Restart::new)));
    return op.list().ofMinSize(1).ofMaxSize(30);
  }

  /** One listener's view, checked as events arrive (a listener's exception is swallowed, so it notes what is wrong). */
  private static final class Checked implements LoyaltyListener {
    final List<String> wrong = new ArrayList<>();
    /** The outbox index the next event must have. */
    int next;
    /** After a restart: the lowest index the first event may have (a page again), else {@code next}. */
    int mayRepeatFrom;
    boolean restarted;
    /** The index of the first event handed in the current delivery call, -1 if none yet. */
    int callFirst = -1;
    /** The index of the first event of the last delivery call that handed this listener any. */
    int lastPageFrom;
    boolean failNext;
    int repeated;

    @Override
    public void onEvent(LoyaltyEvent event) {
      int i = Integer.parseInt(event.id().substring(1));
      if (failNext) {
        failNext = false;
        throw new IllegalStateException("planned failure on " + event.id());
      }
      if (restarted) {
        if (i < mayRepeatFrom || i > next) {
          wrong.add("after a restart event " + i + ", expected " + mayRepeatFrom + ".." + next);
        }
        repeated += next - i;
        restarted = false;
      } else if (i != next) {
        wrong.add("event " + i + ", expected " + next);
      }
      if (callFirst < 0) {
        callFirst = i;
      }
      next = i + 1;
    }

    void callStarts() {
      callFirst = -1;
    }

    void callEnds(boolean flush) {
      if (callFirst >= 0) {
        lastPageFrom = callFirst;
      }
      if (flush) {
        lastPageFrom = next; // every position written: nothing may repeat
      }
    }

    void restart() {
      if (!restarted) {
        mayRepeatFrom = lastPageFrom;
      }
      restarted = true;
      lastPageFrom = mayRepeatFrom;
    }
  }

  @Property
  void aRestartRepeatsAtMostTheLastPageAndAFlushedOneNothing_noEventIsLost(@ForAll("runs") List<Op> ops) {
    EventOutbox outbox = newOutbox();
    Map<String, Checked> checked = new LinkedHashMap<>();
    NAMES.forEach(n -> checked.put(n, new Checked()));
    EventDispatcher dispatcher = new EventDispatcher(outbox, new LinkedHashMap<>(checked));
    int appended = 0;
    int flushedRestarts = 0;
    int repeatedAfterCrashes = 0;
    for (Op op : ops) {
      if (op instanceof Append a) {
        List<LoyaltyEvent> events = new ArrayList<>();
        for (int k = 0; k < a.count(); k++) {
          events.add(event(appended++));
        }
        outbox.append(events);
      } else if (op instanceof Deliver d) {
        deliver(dispatcher, checked, d.flush());
      } else if (op instanceof Fail f) {
        checked.get(NAMES.get(f.listener())).failNext = true;
      } else if (op instanceof Restart r) {
        if (r.flush()) {
          deliver(dispatcher, checked, true); // a clean stop (a listener that throws in it gets the event after)
          flushedRestarts++;
        }
        checked.values().forEach(Checked::restart);
        dispatcher = new EventDispatcher(outbox, new LinkedHashMap<>(checked));
      }
    }
    checked.values().forEach(c -> c.failNext = false);
    deliver(dispatcher, checked, true);
    for (Map.Entry<String, Checked> e : checked.entrySet()) {
      Checked c = e.getValue();
      assertThat(c.wrong).as("listener %s", e.getKey()).isEmpty();
      assertThat(c.next).as("listener %s was handed every event", e.getKey()).isEqualTo(appended);
      assertThat(outbox.position(e.getKey())).as("a flush writes the position").isEqualTo(appended);
      repeatedAfterCrashes += c.repeated;
    }
    net.jqwik.api.statistics.Statistics.label("flushed restarts").collect(flushedRestarts > 0);
    net.jqwik.api.statistics.Statistics.label("a page again after a crash").collect(repeatedAfterCrashes > 0);
  }

  private static void deliver(EventDispatcher dispatcher, Map<String, Checked> checked, boolean flush) {
    checked.values().forEach(Checked::callStarts);
    if (flush) {
      dispatcher.deliver();
    } else {
      dispatcher.deliverSoon();
    }
    checked.values().forEach(c -> c.callEnds(flush));
  }

  private static LoyaltyEvent event(int index) {
    return new LoyaltyEvent.TierChanged("e" + index, T, PartnerId.of("dealer-a"), Optional.empty(), Optional.empty(),
        "test");
  }
}
