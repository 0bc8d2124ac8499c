package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.reviewer;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.MonthlyCapRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Eight threads record invoices of the same dealers and their reps, dated all over July and
 * August, some held for review, while a reviewer thread approves and rejects them as they come: a
 * monthly cap read from the earned points holds in every month for every organisation, and each
 * month's total is what its receipts add up to. (A partner's activities are recorded one at a time,
 * so the totals a rule reads cannot change under it.)
 */
class EarnedPointsConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 60;
  private static final long CAP = 2_000;
  private static final Instant JULY = LocalDateTime.parse("2026-07-01T10:00").atZone(ZONE).toInstant();

  @Test
  void aMonthlyCapHoldsUnderParallelRecordingAndReviews() throws Exception {
    ChannelFixture f = new ChannelFixture(JULY.plusSeconds(90L * 86_400), ChannelFixture.program(300),
        new MonthlyCapRules(CAP));
    BlockingQueue<ActivityId> held = new LinkedBlockingQueue<>();
    ConcurrentHashMap<ActivityId, Sale> sales = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    List<Future<?>> recorders = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      recorders.add(pool.submit(() -> {
        Random random = new Random(thread);
        start.await();
        for (int i = 0; i < PER_THREAD; i++) {
          PartnerId dealer = DEALERS.get(random.nextInt(2));
          Optional<MemberId> member = random.nextBoolean() ? Optional.of(rep(dealer, 1 + random.nextInt(2)))
              : Optional.empty();
          Sale s = sale("t" + thread + "-" + i, dealer, member, JULY.plusSeconds(random.nextInt(60) * 86_400L),
              "CAB-25", "cables", random.nextInt(8) == 0 ? 60 : 1 + random.nextInt(40), "100");
          sales.put(s.id(), s);
          if (f.engine.record(s).status() == Receipt.Status.IN_REVIEW) {
            held.add(s.id());
          }
        }
        return null;
      }));
    }
    Future<Integer> reviewer = pool.submit(() -> {
      start.await();
      int decided = 0;
      Random random = new Random(99);
      while (true) {
        ActivityId id = held.poll(200, TimeUnit.MILLISECONDS);
        if (id == null && recorders.stream().allMatch(Future::isDone)) {
          return decided;
        }
        if (id != null) {
          if (random.nextBoolean()) {
            f.engine.approve(id, reviewer("auditor"), "checked");
          } else {
            f.engine.reject(id, reviewer("auditor"), "checked");
          }
          decided++;
        }
      }
    });
    start.countDown();
    for (Future<?> r : recorders) {
      r.get(2, TimeUnit.MINUTES);
    }
    assertThat(reviewer.get(2, TimeUnit.MINUTES)).isPositive();
    pool.shutdown();

    // the cap was reached: later invoices of a month were cut
    assertThat(sales.values().stream().filter(s -> f.engine.receipt(s.id()).orElseThrow().awards().stream()
        .mapToLong(PostedAward::points).sum() < s.lines().get(0).quantity()).count()).isGreaterThan(20);
    for (PartnerId dealer : DEALERS.subList(0, 2)) {
      for (String month : List.of("2026-07", "2026-08")) {
        long fromReceipts = 0;
        for (Sale s : sales.values()) {
          Receipt r = f.engine.receipt(s.id()).orElseThrow();
          if (s.partner().equals(dealer) && s.occurredAt().atZone(ZONE).toString().startsWith(month)
              && (r.status() == Receipt.Status.RECORDED || r.status() == Receipt.Status.IN_REVIEW)) {
            fromReceipts += r.awards().stream().mapToLong(PostedAward::points).sum();
          }
        }
        Instant mid = LocalDateTime.parse(month + "-15T12:00").atZone(ZONE).toInstant();
        long earned = f.engine.earned(dealer, mid).inMonth(MonthlyCapRules.RULE);
        assertThat(earned).as("%s in %s", dealer, month).isEqualTo(fromReceipts).isLessThanOrEqualTo(CAP);
      }
    }
  }
}
