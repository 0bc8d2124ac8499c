package dev.loyalty.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.StoredEvent;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What only a database outbox can get wrong: an event appended by a transaction that commits after
 * a later append was read. A position given at append time would put it behind the reader, which
 * would never see it; positions given to committed events when read put it after.
 */
class JdbcEventOutboxTest {

  private static LoyaltyEvent event(String id) {
    return new LoyaltyEvent.TierChanged(id, Instant.parse("2026-07-02T10:00:00Z"), PartnerId.of("dealer-a"),
        Optional.empty(), Optional.empty(), "test");
  }

  @Test
  void anEventWhoseTransactionCommitsLateIsReadAfterWhatWasReadMeanwhile() throws Exception {
    DataSource ds = EngineDatabase.fresh();
    JdbcEventOutbox outbox = JdbcEventOutbox.using(ds);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      JdbcUnitOfWork.inTransaction(ds, () -> {
        outbox.append(List.of(event("early-but-slow")));   // appended first, committed last
        try {
          other.submit(() -> {
            outbox.append(List.of(event("late-but-quick")));
            List<StoredEvent> seen = outbox.after(0, 10);
            assertThat(seen).extracting(e -> e.event().id()).containsExactly("late-but-quick");
            assertThat(seen.get(0).position()).isEqualTo(1);
            outbox.advance("crm", 1);
            return null;
          }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return null;
      });
      List<StoredEvent> next = outbox.after(outbox.position("crm"), 10);
      assertThat(next).extracting(e -> e.event().id()).containsExactly("early-but-slow");
      assertThat(next.get(0).position()).isEqualTo(2);
    } finally {
      other.shutdownNow();
    }
  }
}
