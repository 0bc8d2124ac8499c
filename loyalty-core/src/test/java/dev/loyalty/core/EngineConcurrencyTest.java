package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Eight threads record invoices for the same few dealers, drawing on one campaign budget, and
 * replay each other's shared invoices. Afterwards nothing is lost, counted twice or overpaid.
 */
class EngineConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 150;
  private static final long BUDGET = 5_000;
  private static final Instant T0 = LocalDateTime.parse("2026-07-02T10:00").atZone(ZONE).toInstant();

  @Test
  void parallelActivitiesAreEachRecordedOnceAndBudgetsHold() throws Exception {
    ChannelFixture f = new ChannelFixture(T0.plusSeconds(86_400), new SampleRules(), BUDGET);
    Map<String, Sale> recorded = new ConcurrentHashMap<>();
    Map<String, Receipt> receipts = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        Random random = new Random(thread);
        start.await();
        for (int i = 0; i < PER_THREAD; i++) {
          Sale s;
          if (i % 10 == 0) {
            // the same invoice reaches every thread (an ERP export imported twice in parallel)
            int k = i / 10;
            PartnerId dealer = DEALERS.get(k % DEALERS.size());
            s = sale("SHARED-" + k, dealer, Optional.of(rep(dealer, 1)), T0.plusSeconds(k), "CAB-25", "cables", 7,
                "1000");
          } else {
            PartnerId dealer = DEALERS.get(random.nextInt(DEALERS.size()));
            s = sale("T" + thread + "-" + i, dealer, Optional.of(rep(dealer, 1 + random.nextInt(2))),
                T0.plusSeconds(i), "CAB-25", "cables", 1 + random.nextInt(20), "1000");
          }
          Receipt r = f.engine.record(s);
          Receipt earlier = receipts.putIfAbsent(s.id().value(), r);
          if (earlier != null) {
            assertThat(r).isEqualTo(earlier);
          }
          recorded.put(s.id().value(), s);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();

    // every receipt's transaction says exactly what the receipt says
    Map<ParticipantId, Long> fromReceipts = new HashMap<>();
    Map<PartnerId, Long> invoices = new HashMap<>();
    for (Sale s : recorded.values()) {
      Receipt r = f.engine.receipt(s.id()).orElseThrow();
      r.pointsByParticipant().forEach((p, points) -> fromReceipts.merge(p, points, Long::sum));
      invoices.merge(s.partner(), 1L, Long::sum);
      Transaction tx = f.ledger.findTransaction(r.transaction().orElseThrow()).orElseThrow();
      long posted = tx.postings().stream().filter(p -> f.program.accounts().isWallet(p.account()))
          .mapToLong(Posting::amount).sum();
      assertThat(posted).isEqualTo(r.totalPoints());
    }
    long wallets = 0;
    for (PartnerId dealer : DEALERS) {
      for (ParticipantId p : List.<ParticipantId>of(dealer, rep(dealer, 1), rep(dealer, 2))) {
        long balance = f.engine.balance(p).posted();
        assertThat(balance).as("wallet of %s", p).isEqualTo(fromReceipts.getOrDefault(p, 0L));
        wallets += balance;
      }
      assertThat(f.engine.figures(dealer).lifetimeOrders()).isEqualTo(invoices.getOrDefault(dealer, 0L));
    }
    long budgetLeft = f.ledger.balance(f.program.accounts().budget(CampaignId.of("monsoon"))).posted();
    assertThat(budgetLeft).isBetween(0L, BUDGET);
    assertThat(wallets + budgetLeft).isEqualTo(f.issued());
    assertThat(recorded).hasSize(THREADS * (PER_THREAD - PER_THREAD / 10) + PER_THREAD / 10);
    assertThat(f.ledger.verify().intact()).isTrue();
    // every award event reaches the listener, once, with no delivery call after the threads ended
    // (the last ones may come from the engine's delivery thread shortly after the last record returned)
    long expected = recorded.values().stream().mapToLong(s -> f.engine.receipt(s.id()).orElseThrow()
        .pointsByParticipant().values().stream().filter(v -> v > 0).count()).sum();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (awardEvents(f) < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(awardEvents(f)).isEqualTo(expected);
    assertThat(f.events.stream().map(dev.loyalty.core.event.LoyaltyEvent::id)).doesNotHaveDuplicates();
  }

  private static long awardEvents(ChannelFixture f) {
    synchronized (f.events) {
      return f.events.stream().filter(e -> e instanceof dev.loyalty.core.event.LoyaltyEvent.AwardPosted).count();
    }
  }
}
