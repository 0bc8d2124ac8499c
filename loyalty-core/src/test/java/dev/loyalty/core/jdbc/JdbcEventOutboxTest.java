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

  /**
   * Writers whose transactions append and then commit after a random pause (so commits come in
   * another order than the appends' seqs), and readers that page from their own position and
   * advance past what they read, one with {@code advanceAndPending} keeping its position for the
   * next page as the dispatcher does: every reader sees every committed event exactly once, each
   * writer's events in its order, at positions 1..n without a gap or a position used twice. A
   * position given at append time, or to an event behind one a reader has seen, would make a reader
   * skip the event committed late.
   */
  @Test
  void transactionsCommittingOutOfOrder_readersSkipNothing_andNoPositionIsUsedTwice() throws Exception {
    DataSource ds = EngineDatabase.fresh();
    JdbcEventOutbox outbox = JdbcEventOutbox.using(ds);
    int writers = 4;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
    try {
      List<java.util.concurrent.Future<?>> appends = new java.util.ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        appends.add(pool.submit(() -> {
          java.util.Random random = new java.util.Random(writer);
          for (int i = 0; i < each; i++) {
            String id = "w" + writer + "-" + i;
            JdbcUnitOfWork.inTransaction(ds, () -> {
              outbox.append(List.of(event(id + "a"), event(id + "b"))); // seqs drawn now
              try {
                Thread.sleep(random.nextInt(12));                        // committed later
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return null;
            });
          }
          return null;
        }));
      }
      java.util.concurrent.Future<List<String>> paging = pool.submit(() -> {
        List<String> seen = new java.util.ArrayList<>();
        boolean last = false;
        while (!last) {
          last = !writing.get();
          long from = outbox.position("paging");
          for (List<StoredEvent> page = outbox.after(from, 7); !page.isEmpty(); page = outbox.after(from, 7)) {
            assertThat(page.get(0).position()).isEqualTo(from + 1);
            page.forEach(e -> seen.add(e.event().id()));
            from = page.get(page.size() - 1).position();
            outbox.advance("paging", from);
          }
        }
        return seen;
      });
      java.util.concurrent.Future<List<String>> trailing = pool.submit(() -> {
        List<String> seen = new java.util.ArrayList<>();
        long handled = 0;
        boolean last = false;
        while (!last) {
          last = !writing.get();
          for (List<StoredEvent> page = outbox.advanceAndPending("trailing", handled, 5); !page.isEmpty();
              page = outbox.advanceAndPending("trailing", handled, 5)) {
            assertThat(page.get(0).position()).isEqualTo(handled + 1);
            page.forEach(e -> seen.add(e.event().id()));
            handled = page.get(page.size() - 1).position();
          }
        }
        return seen;
      });
      for (var f : appends) {
        f.get(120, TimeUnit.SECONDS);
      }
      writing.set(false);
      List<String> order = outbox.after(0, 10_000).stream().map(e -> e.event().id()).toList();
      assertThat(order).hasSize(writers * each * 2).doesNotHaveDuplicates();
      assertThat(outbox.after(0, 10_000)).extracting(StoredEvent::position).containsExactlyElementsOf(
          java.util.stream.LongStream.rangeClosed(1, writers * each * 2L).boxed().toList());
      // the commits did come in another order than the appends (else this test would prove nothing)
      String seqs = query(ds, "SELECT array_agg(s.seq ORDER BY b.last_position, s.n)::text FROM loyalty_outbox_batch b "
          + "CROSS JOIN LATERAL unnest(b.seqs) WITH ORDINALITY AS s(seq, n)");
      List<Long> bySeq = java.util.Arrays.stream(seqs.substring(1, seqs.length() - 1).split(",")).map(Long::valueOf)
          .toList();
      assertThat(bySeq).as("positions given out of seq order").isNotEqualTo(bySeq.stream().sorted().toList());
      assertThat(paging.get(60, TimeUnit.SECONDS)).isEqualTo(order);
      assertThat(trailing.get(60, TimeUnit.SECONDS)).isEqualTo(order);
      for (int w = 0; w < writers; w++) {
        String prefix = "w" + w + "-";
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < each; i++) {
          expected.add(prefix + i + "a");
          expected.add(prefix + i + "b");
        }
        assertThat(order.stream().filter(id -> id.startsWith(prefix)).toList()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A database at schema version 10 holding events positioned by the old sequencer (in their rows)
   * and one committed but not positioned yet: after the migration to 11 the positioned ones keep
   * their positions, the other gets the next one, a consumer goes on from where it was, and new
   * appends follow.
   */
  @Test
  void theMigrationTo11KeepsThePositionsGiven_andGivesTheNextOnesToEventsWithout() throws Exception {
    DataSource older = newDatabase("outbox_at_version_10");
    dev.loyalty.ledger.jdbc.JdbcLedgerStore.using(older).migrate();
    assertThat(dev.loyalty.core.jdbc.internal.Migrations.migrate(older, 10)).isEqualTo(10);
    // as version 10's outbox left them: a, b positioned (b's row appended before a's), c not yet,
    // the head at 2, crm at 1
    try (Connection c = older.getConnection(); java.sql.Statement s = c.createStatement()) {
      for (String id : List.of("b", "a", "c")) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO loyalty_outbox (id, type, event) VALUES (?, ?, ?::jsonb)")) {
          ps.setString(1, id);
          ps.setString(2, EventJson.type(event(id)));
          ps.setString(3, EventJson.write(event(id)));
          ps.executeUpdate();
        }
      }
      s.execute("UPDATE loyalty_outbox SET position = 1 WHERE id = 'a'");
      s.execute("UPDATE loyalty_outbox SET position = 2 WHERE id = 'b'");
      s.execute("UPDATE loyalty_outbox_head SET last_position = 2");
      s.execute("INSERT INTO loyalty_outbox_consumer (name, position) VALUES ('crm', 1)");
    }
    assertThat(PostgresStores.on(older).migrate()).isNotNull();

    JdbcEventOutbox outbox = JdbcEventOutbox.using(older);
    assertThat(outbox.after(0, 10)).extracting(e -> e.event().id() + "@" + e.position())
        .containsExactly("a@1", "b@2", "c@3");
    assertThat(outbox.pending("crm", 10)).extracting(e -> e.event().id()).containsExactly("b", "c");
    outbox.add(List.of(event("d"), event("e")));
    assertThat(outbox.advanceAndPending("crm", 3, 10)).extracting(e -> e.event().id() + "@" + e.position())
        .containsExactly("d@4", "e@5");
    assertThat(outbox.position("crm")).isEqualTo(3);
    assertThat(outbox.append(List.of(event("a"), event("f")))).extracting(LoyaltyEvent::id).containsExactly("f");
    assertThat(outbox.after(0, 10)).extracting(StoredEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    try (Connection c = older.getConnection(); java.sql.Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM information_schema.columns "
            + "WHERE table_name = 'loyalty_outbox' AND column_name = 'position'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("the events' rows have no position any more").isZero();
    }
  }

  /**
   * Giving positions writes no event row again: the rows' versions ({@code xmin}) are those of
   * their appends, and each append is one batch row.
   */
  @Test
  void givingPositionsRewritesNoEventRow() throws Exception {
    DataSource ds = EngineDatabase.fresh();
    JdbcEventOutbox outbox = JdbcEventOutbox.using(ds);
    outbox.append(List.of(event("a"), event("b")));
    outbox.append(List.of(event("c")));
    String before = query(ds, "SELECT string_agg(id || ':' || xmin, ',' ORDER BY seq) FROM loyalty_outbox");
    assertThat(outbox.pending("crm", 10)).extracting(StoredEvent::position).containsExactly(1L, 2L, 3L);
    assertThat(query(ds, "SELECT string_agg(id || ':' || xmin, ',' ORDER BY seq) FROM loyalty_outbox"))
        .isEqualTo(before);
    assertThat(query(ds, "SELECT string_agg(last_position || '=' || cardinality(seqs), ',' ORDER BY last_position) "
        + "FROM loyalty_outbox_batch")).isEqualTo("2=2,3=1");
    assertThat(query(ds, "SELECT count(*) FROM loyalty_outbox_pending")).isEqualTo("0");
  }

  /**
   * The page query reads each event by its {@code seq} (the primary key), not by scanning the
   * table, also with a generic plan (the one PostgreSQL keeps for a prepared statement, which knows
   * neither the position nor the limit): a join the planner may turn into a hash of every event cost
   * the page 150 µs per activity in the probe.
   */
  @Test
  void thePageQueryReadsEventsBySeq_alsoWithAGenericPlan() throws Exception {
    DataSource ds = EngineDatabase.fresh();
    JdbcEventOutbox outbox = JdbcEventOutbox.using(ds);
    for (int a = 0; a < 300; a++) {
      List<LoyaltyEvent> events = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        events.add(event("e-" + a + "-" + i));
      }
      outbox.append(events);
    }
    assertThat(outbox.after(1_400, 256)).hasSize(100);
    String sql = JdbcEventOutbox.pageSql("?::bigint");
    StringBuilder numbered = new StringBuilder();
    int n = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        numbered.append('$').append(++n);
      } else {
        numbered.append(ch);
      }
    }
    for (String mode : List.of("force_generic_plan", "force_custom_plan")) {
      StringBuilder plan = new StringBuilder();
      try (Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
        s.execute("ANALYZE loyalty_outbox");
        s.execute("ANALYZE loyalty_outbox_batch");
        s.execute("SET plan_cache_mode = " + mode);
        s.execute("PREPARE page(bigint, int, bigint, bigint, int) AS " + numbered);
        try (var rs = s.executeQuery("EXPLAIN EXECUTE page(1400, 256, 0, 0, 256)")) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        } finally {
          s.execute("DEALLOCATE page");
          s.execute("RESET plan_cache_mode");
        }
      }
      assertThat(plan.toString()).as(mode).contains("loyalty_outbox_pkey").doesNotContain("Seq Scan on loyalty_outbox ")
          .doesNotContain("Hash");
    }
  }

  private static String query(DataSource ds, String sql) throws java.sql.SQLException {
    try (Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** A new, empty database on the test server. */
  private static DataSource newDatabase(String name) throws java.sql.SQLException {
    String url;
    try (Connection c = EngineDatabase.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
      url = c.getMetaData().getURL();
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
    org.postgresql.ds.PGSimpleDataSource db = new org.postgresql.ds.PGSimpleDataSource();
    db.setUrl(url.substring(0, url.lastIndexOf('/') + 1) + name);
    db.setUser("postgres");
    return db;
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
    // a row from before schema version 9, which says no append (pending, as the migration to 11 left it)
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "WITH ins AS (INSERT INTO loyalty_outbox (id, type, event) VALUES ('older', ?, ?::jsonb) RETURNING seq) "
            + "INSERT INTO loyalty_outbox_pending (first_seq, seqs) SELECT seq, ARRAY[seq] FROM ins")) {
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
