package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.spi.StoredEvent;
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

/** What every {@link EventOutbox} must do; a host's outbox extends it. */
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
}
