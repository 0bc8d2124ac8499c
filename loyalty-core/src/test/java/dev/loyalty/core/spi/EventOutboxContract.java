package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.event.EventDispatcher;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.event.LoyaltyListener;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventOutbox} must do; a host's outbox extends it (the in-memory and the
 * PostgreSQL outboxes do): events of every type read back equal, in append order, at positions
 * 1, 2, 3, ...; an id is appended once, also by concurrent writers; each consumer has its own
 * position, which only moves forward; concurrent appenders and readers never make a reader skip
 * an event; long outboxes page as short ones.
 */
public abstract class EventOutboxContract {
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");

  /** A new, empty outbox. */
  protected abstract EventOutbox createOutbox();

  private static LoyaltyEvent event(String id) {
    return new LoyaltyEvent.TierChanged(id, T, PartnerId.of("dealer-a"), Optional.empty(), Optional.empty(), "test");
  }

  @Test
  void eventsComeBackInAppendOrderFromAPosition() {
    EventOutbox outbox = createOutbox();
    outbox.append(List.of(event("a"), event("b")));
    outbox.append(List.of(event("c")));
    assertThat(outbox.after(0, 10)).extracting(e -> e.event().id()).containsExactly("a", "b", "c");
    assertThat(outbox.after(1, 1)).extracting(StoredEvent::position).containsExactly(2L);
    assertThat(outbox.after(3, 10)).isEmpty();
  }

  @Test
  void anIdAlreadyInTheOutboxIsSkipped() {
    EventOutbox outbox = createOutbox();
    assertThat(outbox.append(List.of(event("a"), event("b")))).extracting(LoyaltyEvent::id).containsExactly("a", "b");
    // append says which it appended: the engine tells a repeated period close from a first one by it
    assertThat(outbox.append(List.of(event("b"), event("c"), event("a")))).extracting(LoyaltyEvent::id)
        .containsExactly("c");
    assertThat(outbox.append(List.of(event("c")))).isEmpty();
    assertThat(outbox.after(0, 10)).extracting(e -> e.event().id()).containsExactly("a", "b", "c");
  }

  @Test
  void ofThreadsAppendingTheSameIdExactlyOneAppendsIt() throws Exception {
    EventOutbox outbox = createOutbox();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<LoyaltyEvent>>> appends = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      appends.add(pool.submit(() -> {
        start.await();
        return outbox.append(List.of(event("closed")));
      }));
    }
    start.countDown();
    int appended = 0;
    for (var a : appends) {
      appended += a.get(10, TimeUnit.SECONDS).size();
    }
    pool.shutdown();
    assertThat(appended).isEqualTo(1);
    assertThat(outbox.after(0, 10)).hasSize(1);
  }

  @Test
  void eachConsumerHasItsOwnPosition() {
    EventOutbox outbox = createOutbox();
    outbox.append(List.of(event("a"), event("b")));
    assertThat(outbox.position("crm")).isZero();
    outbox.advance("crm", 2);
    outbox.advance("sms", 1);
    assertThat(outbox.position("crm")).isEqualTo(2);
    assertThat(outbox.position("sms")).isEqualTo(1);
  }

  @Test
  void aPositionNeverMovesBackOrPastTheEnd() {
    EventOutbox outbox = createOutbox();
    outbox.append(List.of(event("a"), event("b")));
    outbox.advance("crm", 2);
    assertThatThrownBy(() -> outbox.advance("crm", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox.advance("sms", 3)).isInstanceOf(IllegalArgumentException.class);
    assertThat(outbox.position("crm")).isEqualTo(2);
  }

  @Test
  void concurrentAppendsOfTheSameEventsKeepOneOfEach() throws Exception {
    EventOutbox outbox = createOutbox();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int t = 0; t < 8; t++) {
      pool.execute(() -> {
        for (int i = 0; i < 100; i++) {
          outbox.append(List.of(event("e-" + i)));
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    List<StoredEvent> all = outbox.after(0, 1_000);
    assertThat(all).hasSize(100);
    assertThat(all).extracting(StoredEvent::position).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
  }

  private static final Instant AT = Instant.parse("2026-07-31T23:59:59.999999999Z");

  /** One event of every type, with every optional part present in some. */
  static List<LoyaltyEvent> everyType() {
    RiskFlag flag = new RiskFlag(RiskFlag.Severity.REVIEW, "round", RuleRef.of("risk", "1"), "Round ✓ \"quoted\"", 3);
    return List.of(
        new LoyaltyEvent.AwardPosted("award:INV-1:partner:dealer-a", AT, ActivityId.of("INV-1"),
            PartnerId.of("dealer-a"), 210, TransactionId.of(7)),
        new LoyaltyEvent.AwardTakenBack("taken-back:R-1:member:rep", AT, ActivityId.of("R-1"), MemberId.of("rep"), 40,
            5, TransactionId.of(8)),
        new LoyaltyEvent.TierChanged("tier:up", AT, MemberId.of("rep"), Optional.empty(), Optional.of(TierId.of("gold")),
            "moved up"),
        new LoyaltyEvent.TierChanged("tier:down", AT, PartnerId.of("dealer-a"), Optional.of(TierId.of("gold")),
            Optional.empty(), "moved down"),
        new LoyaltyEvent.PointsExpiringSoon("expiring:partner:dealer-a:2026-07-31", AT, PartnerId.of("dealer-a"), 90,
            Instant.parse("2026-08-31T18:29:59Z")),
        new LoyaltyEvent.ClaimNeedsReview("review:INV-2", AT, ActivityId.of("INV-2"), PartnerId.of("dealer-a"),
            List.of(flag, flag)),
        new LoyaltyEvent.PeriodClosed("closed:" + AT, AT, 1_234, 2, 1),
        new LoyaltyEvent.RedemptionChanged("redemption:ORD-1:SHIPPED", AT, RedemptionId.of("ORD-1"), MemberId.of("rep"),
            CatalogItemId.of("SMARTWATCH-X2"), RedemptionStatus.SHIPPED, 4_000, "Blue Dart BD123456789IN"),
        new LoyaltyEvent.RedemptionRefunded("refund:ORD-1:1", AT, RedemptionId.of("ORD-1"), PartnerId.of("dealer-a"), 2,
            800, TransactionId.of(9)),
        new LoyaltyEvent.BadgeAwarded("badge:INV-1:member:rep:streak", AT, Optional.of(ActivityId.of("INV-1")),
            Optional.empty(), MemberId.of("rep"), "streak", RuleRef.of("milestones", "3"), "Three months ✓ \"in a row\""),
        new LoyaltyEvent.BadgeAwarded("badge:redemption:ORD-1:partner:dealer-a:first-redemption", AT, Optional.empty(),
            Optional.of(RedemptionId.of("ORD-1")), PartnerId.of("dealer-a"), "first-redemption",
            RuleRef.of("first-redemption", "engine"), "First redemption."));
  }

  @Test
  void addAppendsAsAppendDoes_skippingIdsAlreadyThere() {
    EventOutbox outbox = createOutbox();
    outbox.add(List.of(event("a"), event("b"), event("a")));
    outbox.add(List.of(event("b"), event("c")));
    outbox.add(List.of());
    assertThat(outbox.after(0, 10)).extracting(e -> e.event().id()).containsExactly("a", "b", "c");
    assertThat(outbox.after(0, 10)).extracting(StoredEvent::position).containsExactly(1L, 2L, 3L);
  }

  @Test
  void pendingIsWhatComesAfterTheConsumersPosition() {
    EventOutbox outbox = createOutbox();
    outbox.append(List.of(event("a"), event("b"), event("c")));
    assertThat(outbox.pending("crm", 10)).extracting(StoredEvent::position).containsExactly(1L, 2L, 3L);
    assertThat(outbox.pending("crm", 2)).extracting(e -> e.event().id()).containsExactly("a", "b");
    outbox.advance("crm", 2);
    assertThat(outbox.pending("crm", 10)).extracting(e -> e.event().id()).containsExactly("c");
    assertThat(outbox.pending("sms", 10)).as("another consumer from the start").hasSize(3);
    outbox.advance("crm", 3);
    assertThat(outbox.pending("crm", 10)).isEmpty();
    assertThatThrownBy(() -> outbox.pending("crm", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(outbox.position("crm")).isEqualTo(3);
  }

  /**
   * advanceAndPending is advance, then pending: it moves the consumer forward only (a consumer
   * already past stays where it is), refuses a position the outbox does not have without moving,
   * and pages from where the consumer is.
   */
  @Test
  void advanceAndPendingMovesTheConsumerForwardThenReadsItsPage() {
    EventOutbox outbox = createOutbox();
    outbox.append(List.of(event("a"), event("b"), event("c")));
    assertThat(outbox.advanceAndPending("crm", 0, 10)).extracting(StoredEvent::position).containsExactly(1L, 2L, 3L);
    assertThat(outbox.position("crm")).isZero();
    assertThat(outbox.advanceAndPending("crm", 2, 10)).extracting(e -> e.event().id()).containsExactly("c");
    assertThat(outbox.position("crm")).isEqualTo(2);
    outbox.advance("crm", 3);
    assertThat(outbox.advanceAndPending("crm", 2, 10)).as("a consumer past it stays").isEmpty();
    assertThat(outbox.position("crm")).isEqualTo(3);
    assertThatThrownBy(() -> outbox.advanceAndPending("sms", 4, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox.advanceAndPending("sms", -1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox.advanceAndPending("sms", 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(outbox.position("sms")).as("nothing moved by a refusal").isZero();
    outbox.append(List.of(event("d")));
    assertThat(outbox.advanceAndPending("sms", 1, 2)).extracting(e -> e.event().id()).containsExactly("b", "c");
    assertThat(outbox.position("sms")).isEqualTo(1);
  }

  @Test
  void eventsOfEveryTypeReadBackEqual() {
    EventOutbox outbox = createOutbox();
    List<LoyaltyEvent> all = everyType();
    assertThat(outbox.append(all)).containsExactlyElementsOf(all);
    assertThat(outbox.after(0, 100)).extracting(StoredEvent::event).containsExactlyElementsOf(all);
  }

  @Test
  void anIdGivenTwiceInOneAppendIsAppendedOnce() {
    EventOutbox outbox = createOutbox();
    assertThat(outbox.append(List.of(event("a"), event("b"), event("a")))).extracting(LoyaltyEvent::id)
        .containsExactly("a", "b");
    assertThat(outbox.after(0, 10)).extracting(StoredEvent::position).containsExactly(1L, 2L);
  }

  @Test
  void badArgumentsAreRefused() {
    EventOutbox outbox = createOutbox();
    assertThatThrownBy(() -> outbox.after(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox.after(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox.advance("crm", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(outbox.position("crm")).isZero();
    assertThat(outbox.append(List.of())).isEmpty();
  }

  @Test
  void aLongOutboxPagesAsAShortOne() {
    EventOutbox outbox = createOutbox();
    List<LoyaltyEvent> batch = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      batch.add(event("e-" + i));
      if (batch.size() == 100) {
        outbox.append(batch);
        batch = new ArrayList<>();
      }
    }
    List<String> read = new ArrayList<>();
    long position = 0;
    for (List<StoredEvent> page = outbox.after(0, 256); !page.isEmpty(); page = outbox.after(position, 256)) {
      assertThat(page.get(0).position()).isEqualTo(position + 1);
      page.forEach(e -> read.add(e.event().id()));
      position = page.get(page.size() - 1).position();
      outbox.advance("crm", position);
    }
    assertThat(read).hasSize(2_500).doesNotHaveDuplicates();
    assertThat(read.get(0)).isEqualTo("e-0");
    assertThat(read.get(2_499)).isEqualTo("e-2499");
    assertThat(outbox.position("crm")).isEqualTo(2_500);
  }

  /**
   * Readers that page from their own position while writers append: every reader sees every event
   * exactly once, in one order, and the order of each writer's events is kept.
   */
  @Test
  void readersNeverSkipAnEventWhileWritersAppend() throws Exception {
    EventOutbox outbox = createOutbox();
    int writers = 4;
    int each = 150;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    CountDownLatch start = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
    try {
      List<Future<?>> appends = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        appends.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            outbox.append(List.of(event("w" + writer + "-" + i + "a"), event("w" + writer + "-" + i + "b")));
          }
          return null;
        }));
      }
      List<Future<List<String>>> readers = new ArrayList<>();
      for (String consumer : List.of("crm", "sms")) {
        readers.add(pool.submit(() -> {
          start.await();
          List<String> seen = new ArrayList<>();
          boolean last = false;
          while (!last) {
            last = !writing.get();
            long from = outbox.position(consumer);
            for (List<StoredEvent> page = outbox.after(from, 64); !page.isEmpty(); page = outbox.after(from, 64)) {
              page.forEach(e -> seen.add(e.event().id()));
              from = page.get(page.size() - 1).position();
              outbox.advance(consumer, from);
            }
          }
          return seen;
        }));
      }
      start.countDown();
      for (Future<?> f : appends) {
        f.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      List<String> first = readers.get(0).get(60, TimeUnit.SECONDS);
      assertThat(readers.get(1).get(60, TimeUnit.SECONDS)).isEqualTo(first);
      assertThat(first).hasSize(writers * each * 2).doesNotHaveDuplicates();
      for (int w = 0; w < writers; w++) {
        String prefix = "w" + w + "-";
        List<String> ofWriter = first.stream().filter(id -> id.startsWith(prefix)).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < each; i++) {
          expected.add(prefix + i + "a");
          expected.add(prefix + i + "b");
        }
        assertThat(ofWriter).isEqualTo(expected);
      }
      assertThat(outbox.after(0, 10_000)).extracting(StoredEvent::position)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, writers * each * 2L).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Delivery (EventDispatcher) over this outbox: the same on every store

  /** Every event a listener was handed, with the thread that handed it. */
  private static final class Seen implements LoyaltyListener {
    final List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
    final java.util.Map<String, Thread> by = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void onEvent(LoyaltyEvent e) {
      assertThat(inside.incrementAndGet()).as("one thread at a time per listener").isEqualTo(1);
      try {
        ids.add(e.id());
        by.putIfAbsent(e.id(), Thread.currentThread());
      } finally {
        inside.decrementAndGet();
      }
    }

    /** Waits (no delivery call) until {@code count} events were handed over. */
    void await(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (ids.size() < count && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(ids).as("handed over within 30 s, without another delivery call").hasSizeGreaterThanOrEqualTo(count);
    }
  }

  /** A listener that, on event "a", says so on {@code inside} and waits for {@code release}; then passes on to {@code seen}. */
  private static LoyaltyListener heldAtA(CountDownLatch inside, CountDownLatch release, Seen seen) {
    return e -> {
      if (e.id().equals("a")) {
        inside.countDown();
        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
      }
      seen.onEvent(e);
    };
  }

  private static List<String> idsInOrder(EventOutbox outbox) {
    return outbox.after(0, 100_000).stream().map(e -> e.event().id()).toList();
  }

  /** A host that works from one thread has its listeners called before the call returns, on that thread. */
  @Test
  void deliverSoon_aloneDeliversOnTheCallingThreadBeforeItReturns() {
    EventOutbox outbox = createOutbox();
    Seen seen = new Seen();
    EventDispatcher dispatcher = new EventDispatcher(outbox, java.util.Map.of("crm", seen));
    outbox.append(List.of(event("a"), event("b")));
    assertThat(dispatcher.deliverSoon()).isEqualTo(2);
    assertThat(seen.ids).containsExactly("a", "b");
    assertThat(seen.by.get("a")).isSameAs(Thread.currentThread());
    assertThat(outbox.position("crm")).as("the position goes with the next page").isZero();
    assertThat(dispatcher.deliverSoon()).isZero();
    assertThat(outbox.position("crm")).isEqualTo(2);
    assertThat(seen.ids).containsExactly("a", "b");
  }

  /**
   * A flush ({@link EventDispatcher#deliver()}) leaves every listener's position written in the
   * outbox, also those that positions trailing from earlier deliveries. Catches a dispatcher that
   * keeps positions only for its next page.
   */
  @Test
  void deliver_leavesEveryListenersPositionWritten() {
    EventOutbox outbox = createOutbox();
    Seen crm = new Seen();
    Seen sms = new Seen();
    java.util.Map<String, LoyaltyListener> listeners = new java.util.LinkedHashMap<>();
    listeners.put("crm", crm);
    listeners.put("sms", sms);
    EventDispatcher dispatcher = new EventDispatcher(outbox, listeners);
    outbox.append(List.of(event("a"), event("b")));
    dispatcher.deliverSoon();
    outbox.append(List.of(event("c")));
    dispatcher.deliverSoon();
    assertThat(outbox.position("crm")).as("trailing by a page").isEqualTo(2);
    assertThat(dispatcher.deliver()).as("nothing left to hand over").isZero();
    assertThat(outbox.position("crm")).isEqualTo(3);
    assertThat(outbox.position("sms")).isEqualTo(3);
    assertThat(crm.ids).containsExactly("a", "b", "c");
    assertThat(sms.ids).containsExactly("a", "b", "c");
    outbox.append(List.of(event("d")));
    assertThat(dispatcher.deliver()).isEqualTo(2);
    assertThat(outbox.position("crm")).isEqualTo(4);
    assertThat(outbox.position("sms")).isEqualTo(4);
  }

  /**
   * A crash after a delivery but before its position was written (the dispatcher kept it for its
   * next page): a new dispatcher over the outbox (a restart) hands those events again, and every
   * event after them; none is skipped.
   */
  @Test
  void aCrashBetweenADeliveryAndItsPositionWriteDeliversTheEventsAgain_neverSkipsOne() {
    EventOutbox outbox = createOutbox();
    Seen before = new Seen();
    EventDispatcher crashed = new EventDispatcher(outbox, java.util.Map.of("crm", before));
    outbox.append(List.of(event("a"), event("b")));
    crashed.deliverSoon();
    outbox.append(List.of(event("c")));
    crashed.deliverSoon(); // writes 2 with its page, keeps 3
    assertThat(before.ids).containsExactly("a", "b", "c");
    assertThat(outbox.position("crm")).isEqualTo(2);
    outbox.append(List.of(event("d")));
    // the crash: crashed is dropped without a flush
    Seen after = new Seen();
    EventDispatcher restarted = new EventDispatcher(outbox, java.util.Map.of("crm", after));
    assertThat(restarted.deliver()).isEqualTo(2);
    assertThat(after.ids).as("c again, and d").containsExactly("c", "d");
    assertThat(outbox.position("crm")).isEqualTo(4);
  }

  /**
   * An event appended while another thread delivers is delivered with no further call, and not by
   * the thread that was delivering: that thread takes one turn and returns (it is a host's request
   * thread), and the dispatcher's own thread takes the next. Catches a holder that does not look for
   * notes after its turn (b would wait for the next call) and one that takes the next turn itself.
   */
  @Test
  void deliverSoon_aNoteLeftDuringATurnIsDeliveredByTheDispatchersThread_notByTheThreadThatDelivered()
      throws Exception {
    EventOutbox outbox = createOutbox();
    CountDownLatch insideA = new CountDownLatch(1);
    CountDownLatch bNoted = new CountDownLatch(1);
    Seen seen = new Seen();
    LoyaltyListener slow = heldAtA(insideA, bNoted, seen);
    EventDispatcher dispatcher = new EventDispatcher(outbox, java.util.Map.of("crm", slow));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      outbox.append(List.of(event("a")));
      Future<Thread> first = pool.submit(() -> {
        dispatcher.deliverSoon();
        return Thread.currentThread();
      });
      Future<Integer> second = pool.submit(() -> {
        assertThat(insideA.await(30, TimeUnit.SECONDS)).isTrue();
        outbox.append(List.of(event("b")));
        try {
          return dispatcher.deliverSoon(); // another thread delivers: returns at once
        } finally {
          bNoted.countDown();
        }
      });
      assertThat(second.get(30, TimeUnit.SECONDS)).isZero();
      Thread delivering = first.get(30, TimeUnit.SECONDS);
      seen.await(2);
      assertThat(seen.ids).containsExactly("a", "b");
      assertThat(seen.by.get("a")).isSameAs(delivering);
      assertThat(seen.by.get("b")).isNotSameAs(delivering);
      assertThat(seen.by.get("b").getName()).startsWith("loyalty-events-");
    } finally {
      bNoted.countDown();
      pool.shutdownNow();
    }
  }

  /**
   * {@link EventDispatcher#deliver()} (the host's call, a flush) waits for a turn in progress and
   * takes one: what was appended before it has been handed over when it returns. Catches a deliver()
   * that leaves it to the thread delivering and returns at once.
   */
  @Test
  void deliver_waitsForATurnInProgressAndDeliversWhatWasAppendedBefore() throws Exception {
    EventOutbox outbox = createOutbox();
    CountDownLatch insideA = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Seen seen = new Seen();
    LoyaltyListener slow = heldAtA(insideA, release, seen);
    EventDispatcher dispatcher = new EventDispatcher(outbox, java.util.Map.of("crm", slow));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      outbox.append(List.of(event("a")));
      Future<?> first = pool.submit(dispatcher::deliverSoon);
      assertThat(insideA.await(30, TimeUnit.SECONDS)).isTrue();
      outbox.append(List.of(event("b")));
      Future<Integer> flush = pool.submit(dispatcher::deliver);
      Thread.sleep(200);
      assertThat(flush).as("waits for the turn in progress").isNotDone();
      release.countDown();
      flush.get(30, TimeUnit.SECONDS);
      assertThat(seen.ids).containsExactly("a", "b");
      first.get(30, TimeUnit.SECONDS);
      assertThat(outbox.position("crm")).isEqualTo(2);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  /**
   * Eight threads append and ask for delivery, as recording threads do: afterwards, with no further
   * call, every listener has been handed every event, in outbox order, once (a listener that throws
   * gets the event again at the next delivery and the ones after it only then: its successful
   * handlings are in outbox order too), and a flush finds nothing left.
   */
  @Test
  void concurrentCallersLeaveNothingUndelivered_eachListenerInOutboxOrder() throws Exception {
    EventOutbox outbox = createOutbox();
    Seen crm = new Seen();
    Seen sms = new Seen();
    List<String> flakyHandled = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
    LoyaltyListener flaky = e -> {
      if (e.id().hashCode() % 7 == 0 && failedOnce.add(e.id())) {
        throw new IllegalStateException("down for " + e.id());
      }
      flakyHandled.add(e.id());
    };
    java.util.Map<String, LoyaltyListener> listeners = new java.util.LinkedHashMap<>();
    listeners.put("crm", crm);
    listeners.put("flaky", flaky);
    listeners.put("sms", sms);
    EventDispatcher dispatcher = new EventDispatcher(outbox, listeners);
    int threads = 8;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        work.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            outbox.append(List.of(event("t" + thread + "-" + i + "a"), event("t" + thread + "-" + i + "b")));
            dispatcher.deliverSoon();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : work) {
        f.get(120, TimeUnit.SECONDS);
      }
      int total = threads * each * 2;
      crm.await(total);
      sms.await(total);
      List<String> order = idsInOrder(outbox);
      assertThat(order).hasSize(total);
      assertThat(crm.ids).isEqualTo(order);
      assertThat(sms.ids).isEqualTo(order);
      // each delivery takes the flaky listener past one event it throws on (at most one per event)
      for (int i = 0; i <= total && flakyHandled.size() < total; i++) {
        dispatcher.deliver();
      }
      assertThat(flakyHandled).isEqualTo(order);
      assertThat(dispatcher.deliver()).as("nothing left").isZero();
      assertThat(outbox.position("crm")).isEqualTo(total);
      assertThat(outbox.position("flaky")).isEqualTo(total);
    } finally {
      pool.shutdownNow();
    }
  }
}
