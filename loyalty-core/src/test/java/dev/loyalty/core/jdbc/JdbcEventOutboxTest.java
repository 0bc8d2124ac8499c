package dev.loyalty.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.insights.TierMove;
import dev.loyalty.core.jdbc.internal.EventJson;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.spi.StoredEvent;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * would never see it; positions given to committed events when read put it after. And inside a
 * unit of work, events added (and tier moves recorded) go with its commit, are seen by reads inside
 * it, and are gone with a rollback. An instance delivers the events it appended from the objects
 * themselves, and only those its own append stored; every other event is read back.
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

  @Test
  void insideAUnitAddedEventsAndRecordedMovesGoWithItsCommit_readsInsideItSeeThem_andARollbackKeepsNone() {
    DataSource ds = EngineDatabase.fresh();
    JdbcEventOutbox outbox = JdbcEventOutbox.using(ds);
    JdbcTierHistory history = JdbcTierHistory.using(ds);
    TierMove move = new TierMove("tier:partner:dealer-a:INV-1", PartnerId.of("dealer-a"), Optional.empty(),
        Optional.of(TierId.of("silver")), Instant.parse("2026-07-02T10:00:00Z"), "test");
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(ds, () -> {
      outbox.add(List.of(event("a")));
      history.record(move);
      // reads of what was deferred send it first
      assertThat(outbox.after(0, 10)).extracting(e -> e.event().id()).containsExactly("a");
      assertThat(history.of(PartnerId.of("dealer-a"))).containsExactly(move);
      outbox.add(List.of(event("b")));
      throw new IllegalStateException("the activity failed");
    })).hasMessage("the activity failed");
    assertThat(outbox.after(0, 10)).as("nothing of the rolled-back unit").isEmpty();
    assertThat(history.moves()).isEmpty();

    JdbcUnitOfWork.inTransaction(ds, () -> {
      outbox.add(List.of(event("a"), event("b")));
      history.record(move);
      return null;
    });
    assertThat(outbox.after(0, 10)).extracting(e -> e.event().id()).containsExactly("a", "b");
    assertThat(history.moves()).containsExactly(move);
  }

  @Test
  void anInstanceDeliversTheEventsItAppendedFromTheObjects_anotherInstanceOrAnOlderRowIsReadBack() throws Exception {
    DataSource ds = EngineDatabase.fresh();
    JdbcEventOutbox appender = JdbcEventOutbox.using(ds);
    LoyaltyEvent a = event("a");
    LoyaltyEvent b = event("b");
    JdbcUnitOfWork.inTransaction(ds, () -> {
      appender.add(List.of(a, b));
      return null;
    });
    // a row from before schema version 9, which says no append
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO loyalty_outbox (id, type, event) VALUES ('older', ?, ?::jsonb)")) {
      ps.setString(1, EventJson.type(event("older")));
      ps.setString(2, EventJson.write(event("older")));
      ps.executeUpdate();
    }

    List<StoredEvent> mine = appender.pending("crm", 10);
    assertThat(mine).extracting(StoredEvent::event).containsExactly(a, b, event("older"));
    assertThat(mine.get(0).event()).as("the object appended, not read back").isSameAs(a);
    assertThat(mine.get(1).event()).isSameAs(b);

    // a restart: a new instance reads every event back, equal, from its position on
    JdbcEventOutbox restarted = JdbcEventOutbox.using(ds);
    appender.advance("crm", 1);
    List<StoredEvent> again = restarted.pending("crm", 10);
    assertThat(again).extracting(StoredEvent::position).containsExactly(2L, 3L);
    assertThat(again).extracting(StoredEvent::event).containsExactly(b, event("older"));
    assertThat(again.get(0).event()).isNotSameAs(b);
  }

  @Test
  void anEventAppendedAgainWithOtherContentIsDeliveredAsStored_notAsRemembered() {
    DataSource ds = EngineDatabase.fresh();
    JdbcEventOutbox outbox = JdbcEventOutbox.using(ds);
    LoyaltyEvent first = event("a");
    LoyaltyEvent second = new LoyaltyEvent.TierChanged("a", Instant.parse("2026-07-03T10:00:00Z"),
        PartnerId.of("dealer-a"), Optional.empty(), Optional.empty(), "appended again");
    outbox.add(List.of(first));
    outbox.add(List.of(second)); // skipped: the id is there
    assertThat(outbox.pending("crm", 10)).extracting(StoredEvent::event).containsExactly(first);
    assertThat(outbox.after(0, 10)).extracting(StoredEvent::event).containsExactly(first);
  }

  @Test
  void eventsOfAUnitThatRolledBackAreNotRemembered_andTheirIdsStayFree() {
    DataSource ds = EngineDatabase.fresh();
    JdbcEventOutbox outbox = JdbcEventOutbox.using(ds);
    LoyaltyEvent gone = new LoyaltyEvent.TierChanged("a", Instant.parse("2026-07-03T10:00:00Z"),
        PartnerId.of("dealer-a"), Optional.empty(), Optional.empty(), "rolled back");
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(ds, () -> {
      outbox.add(List.of(gone));
      throw new IllegalStateException("the activity failed");
    })).hasMessage("the activity failed");
    JdbcEventOutbox.using(ds).add(List.of(event("a"))); // another instance appends the id
    assertThat(outbox.pending("crm", 10)).extracting(StoredEvent::event).containsExactly(event("a"));
  }
}
