package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.insights.TierMove;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
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

/** What every {@link TierHistory} must do; a host's history extends it. */
public abstract class TierHistoryContract {
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");
  private static final PartnerId DEALER = PartnerId.of("dealer-a");
  private static final MemberId REP = MemberId.of("dealer-a-rep-1");
  private static final Optional<TierId> NONE = Optional.empty();
  private static final Optional<TierId> SILVER = Optional.of(TierId.of("silver"));
  private static final Optional<TierId> GOLD = Optional.of(TierId.of("gold"));

  /** A new, empty history. */
  protected abstract TierHistory createHistory();

  private static TierMove move(String id, ParticipantId who, Optional<TierId> from,
      Optional<TierId> to, Instant at) {
    return new TierMove(id, who, from, to, at, who.value() + " moved.");
  }

  @Test
  void anEmptyHistoryHasNoMoves() {
    TierHistory history = createHistory();
    assertThat(history.moves()).isEmpty();
    assertThat(history.of(DEALER)).isEmpty();
  }

  @Test
  void movesReadBackEqualInTheOrderAppendedWhateverTheirTimes() {
    TierHistory history = createHistory();
    TierMove up = move("tier:partner:dealer-a:INV-2", DEALER, NONE, SILVER, T);
    TierMove late = move("tier:partner:dealer-a:INV-1", DEALER, SILVER, GOLD, T.minusSeconds(86_400));
    TierMove rep = move("tier:member:dealer-a-rep-1:INV-2", REP, NONE, SILVER, T);
    assertThat(history.append(up)).isTrue();
    assertThat(history.append(rep)).isTrue();
    assertThat(history.append(late)).isTrue();
    assertThat(history.of(DEALER)).containsExactly(up, late);
    assertThat(history.of(REP)).containsExactly(rep);
    assertThat(history.moves()).containsExactlyInAnyOrder(up, rep, late);
    assertThat(history.moves().stream().filter(m -> m.participant().equals(DEALER)).toList()).containsExactly(up,
        late);
  }

  @Test
  void recordAppendsAsAppendDoes_keepingAnIdOnce() {
    TierHistory history = createHistory();
    TierMove up = move("tier:partner:dealer-a:INV-2", DEALER, NONE, SILVER, T);
    history.record(up);
    history.record(up);
    assertThat(history.append(up)).as("recorded already").isFalse();
    assertThat(history.of(DEALER)).containsExactly(up);
  }

  @Test
  void anIdIsKeptOnceWhateverTheContent() {
    TierHistory history = createHistory();
    TierMove first = move("tier:partner:dealer-a:review:2026-07-31", DEALER, SILVER, NONE, T);
    assertThat(history.append(first)).isTrue();
    assertThat(history.append(first)).isFalse();
    assertThat(history.append(move(first.id(), DEALER, GOLD, NONE, T.plusSeconds(1)))).isFalse();
    assertThat(history.of(DEALER)).containsExactly(first);
    assertThat(history.moves()).containsExactly(first);
  }

  @Test
  void ofConcurrentAppendsOfOneIdExactlyOneWins() throws Exception {
    TierHistory history = createHistory();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      for (int round = 0; round < 20; round++) {
        String id = "tier:partner:dealer-a:INV-" + round;
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Optional<TierId> to = t % 2 == 0 ? GOLD : SILVER;
          results.add(pool.submit(() -> {
            start.await();
            return history.append(move(id, DEALER, NONE, to, T));
          }));
        }
        if (round == 0) {
          start.countDown();
        }
        int won = 0;
        for (Future<Boolean> f : results) {
          won += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(won).as("appends of %s that won", id).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(history.of(DEALER)).hasSize(20);
    assertThat(history.moves()).hasSize(20);
  }
}
