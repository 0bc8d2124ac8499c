package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.insights.EarnedBadge;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rules.RuleRef;
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

/** What every {@link BadgeStore} must do; a host's store extends it. */
public abstract class BadgeStoreContract {
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");
  private static final PartnerId DEALER = PartnerId.of("dealer-a");
  private static final MemberId REP = MemberId.of("dealer-a-rep-1");

  /** A new, empty store. */
  protected abstract BadgeStore createStore();

  private static EarnedBadge badge(String activity, ParticipantId who, String code, String reason) {
    ActivityId id = ActivityId.of(activity);
    return new EarnedBadge(EarnedBadge.idOf(id, who, code), who, code, RuleRef.of(code, "2026-07"), reason,
        Optional.of(id), Optional.empty(), T);
  }

  @Test
  void anEmptyStoreHasNoBadges() {
    assertThat(createStore().of(DEALER)).isEmpty();
  }

  @Test
  void badgesReadBackEqualPerParticipantInFilingOrder() {
    BadgeStore store = createStore();
    EarnedBadge streak = badge("INV-9", DEALER, "consistency-streak", "3 months in a row with orders.");
    EarnedBadge best = badge("INV-3", DEALER, "personal-best-month", "Best month yet: 420000 INR.");
    EarnedBadge rep = badge("CERT-1", REP, "certifications-1", "First certification.");
    assertThat(store.award(streak)).isTrue();
    assertThat(store.award(rep)).isTrue();
    assertThat(store.award(best)).isTrue();
    assertThat(store.of(DEALER)).containsExactly(streak, best);
    assertThat(store.of(REP)).containsExactly(rep);
    assertThat(store.of(PartnerId.of("dealer-b"))).isEmpty();
  }

  @Test
  void anIdIsKeptOnceWhateverTheContent() {
    BadgeStore store = createStore();
    EarnedBadge first = badge("INV-9", DEALER, "consistency-streak", "3 months in a row with orders.");
    assertThat(store.award(first)).isTrue();
    assertThat(store.award(first)).isFalse();
    assertThat(store.award(badge("INV-9", DEALER, "consistency-streak", "another sentence"))).isFalse();
    assertThat(store.of(DEALER)).containsExactly(first);
  }

  @Test
  void ofConcurrentAwardsOfOneIdExactlyOneWins() throws Exception {
    BadgeStore store = createStore();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<List<Future<Boolean>>> rounds = new ArrayList<>();
      for (int round = 0; round < 20; round++) {
        String activity = "INV-" + round;
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          String reason = "try " + t;
          results.add(pool.submit(() -> {
            start.await();
            return store.award(badge(activity, DEALER, "consistency-streak", reason));
          }));
        }
        rounds.add(results);
      }
      start.countDown();
      for (List<Future<Boolean>> results : rounds) {
        int won = 0;
        for (Future<Boolean> f : results) {
          won += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(won).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.of(DEALER)).hasSize(20);
  }
}
