package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.event.LoyaltyListener;
import dev.loyalty.core.jdbc.JdbcEventOutbox;
import dev.loyalty.core.jdbc.JdbcPartnerDirectory;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.StoredEvent;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Eight threads record on partners of their own and on a shared one, on the in-memory engine and on
 * the engine with every store in PostgreSQL, with listeners that count what they are handed. After
 * the last {@code record} returned, with no delivery call, every event in the outbox reaches every
 * listener, in outbox order, once; a listener that throws gets the event again at the next delivery
 * and the events after it only then, so what it handled is in outbox order too; {@code
 * deliverEvents()} then finds nothing left. A single thread's listener is called before its {@code
 * record} returns.
 */
class EngineDeliveryConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 30;
  private static final Instant T0 = LocalDateTime.parse("2026-07-02T10:00").atZone(ZONE).toInstant();
  /** Each thread's own partner (threads t and t + 4 share one) besides the shared dealer-a. */
  private static final List<PartnerId> OWN = List.of(DEALERS.get(1), DEALERS.get(2), PartnerId.of("dist-north"),
      PartnerId.of("retailer-new"));

  /** What one listener was handed, in order, and whether two threads ever called it at once. */
  private static final class Counting implements LoyaltyListener {
    final List<String> handled = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    final boolean flaky;

    Counting(boolean flaky) {
      this.flaky = flaky;
    }

    @Override
    public void onEvent(LoyaltyEvent e) {
      if (inside.incrementAndGet() != 1) {
        overlaps.incrementAndGet();
      }
      try {
        if (flaky && Math.floorMod(e.id().hashCode(), 5) == 0 && failedOnce.add(e.id())) {
          throw new IllegalStateException("CRM down for " + e.id());
        }
        handled.add(e.id());
      } finally {
        inside.decrementAndGet();
      }
    }
  }

  @Test
  void inMemory_everyEventReachesEveryListenerInOrder_withoutAnotherCall() throws Exception {
    TestClock clock = new TestClock(T0.plusSeconds(86_400));
    EventOutbox outbox = EventOutbox.inMemory();
    Counting crm = new Counting(false);
    Counting flaky = new Counting(true);
    LoyaltyEngine engine = LoyaltyEngine.builder(ChannelFixture.program(1_000_000), new SampleRules())
        .ledger(Ledger.inMemory(clock)).clock(clock).directory(ChannelFixture.enrol(PartnerDirectory.inMemory()))
        .outbox(outbox).listener("crm", crm).listener("flaky", flaky).build();
    everyEventReachesEveryListenerInOrder(engine, outbox, crm, flaky);
  }

  @Test
  void onPostgres_everyEventReachesEveryListenerInOrder_withoutAnotherCall() throws Exception {
    DataSource ds = EngineDatabase.fresh();
    TestClock clock = new TestClock(T0.plusSeconds(86_400));
    Counting crm = new Counting(false);
    Counting flaky = new Counting(true);
    LoyaltyEngine engine = LoyaltyEngine.builder(ChannelFixture.program(1_000_000), new SampleRules())
        .postgres(ds).clock(clock).directory(ChannelFixture.enrol(JdbcPartnerDirectory.using(ds)))
        .listener("crm", crm).listener("flaky", flaky).build();
    everyEventReachesEveryListenerInOrder(engine, JdbcEventOutbox.using(ds), crm, flaky);
  }

  private static void everyEventReachesEveryListenerInOrder(LoyaltyEngine engine, EventOutbox outbox, Counting crm,
      Counting flaky) throws Exception {
    // one thread first: its listener is called before record returns
    engine.record(sale("SOLO-1", DEALERS.get(0), Optional.of(rep(DEALERS.get(0), 1)), T0, "CAB-25", "cables", 3,
        "1000"));
    assertThat(crm.handled).as("delivered before record returned").isNotEmpty()
        .isEqualTo(ids(outbox));

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        work.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < PER_THREAD; i++) {
            PartnerId partner = i % 2 == 0 ? DEALERS.get(0) : OWN.get(thread % OWN.size());
            Optional<MemberId> member = DEALERS.contains(partner) ? Optional.of(rep(partner, 1 + i % 2))
                : Optional.empty();
            engine.record(sale("T" + thread + "-" + i, partner, member, T0.plusSeconds(i), "CAB-25", "cables",
                1 + i % 7, "1000"));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : work) {
        f.get(3, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    List<String> order = ids(outbox);
    assertThat(order).hasSizeGreaterThan(THREADS * PER_THREAD).doesNotHaveDuplicates();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (crm.handled.size() < order.size() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(crm.handled).as("every event, once, in outbox order, with no delivery call").isEqualTo(order);
    // the flaky listener: each delivery takes it past at most one event it throws on
    for (int i = 0; i <= order.size() && flaky.handled.size() < order.size(); i++) {
      engine.deliverEvents();
    }
    assertThat(flaky.handled).isEqualTo(order);
    assertThat(flaky.failedOnce).isNotEmpty();
    assertThat(engine.deliverEvents()).as("nothing left").isZero();
    assertThat(crm.overlaps.get() + flaky.overlaps.get()).as("one thread at a time per listener").isZero();
  }

  private static List<String> ids(EventOutbox outbox) {
    return outbox.after(0, 100_000).stream().map(StoredEvent::event).map(LoyaltyEvent::id).toList();
  }
}
