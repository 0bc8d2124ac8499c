package dev.loyalty.core.jdbc;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.GOLD;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.NotEnrolledException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.TierChange;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.SampleRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The partner, its member and both participants' rows, which an activity's transaction reads in
 * the round trip of the partner's advisory lock, are read after the lock is held: what the lock's
 * holder committed (another instance's work of the partner) is what the activity sees. The lock
 * is held here by a plain connection, as another instance would, while the engine waits for it.
 */
class ReadsWithTheLockTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final PartnerId DEALER = DEALERS.get(0);
  /** The first key of the partners' advisory locks (PartnerTransactions). */
  private static final int PARTNER_LOCKS = 0x4C4F5950;

  @Test
  void thePartnerReadWithTheLockIsTheOneTheLockHolderCommitted() throws Exception {
    DataSource ds = EngineDatabase.fresh();
    ChannelFixture f = fixture(ds);
    f.engine.record(sale("INV-1", "cables", 2, 1));

    CompletableFuture<Receipt> recorded = underTheLock(ds, DEALER,
        "UPDATE loyalty_partner SET status = 'SUSPENDED' WHERE id = '" + DEALER.value() + "'",
        () -> f.engine.record(sale("INV-2", "cables", 2, 2)));

    assertThatThrownBy(() -> join(recorded)).as("the dealer suspended by the lock's holder before it let go")
        .isInstanceOf(NotEnrolledException.class);
    assertThat(f.journal.find(ActivityId.of("INV-2"))).as("nothing of the refused activity").isEmpty();
  }

  @Test
  void theMemberReadWithTheLockIsTheOneTheLockHolderCommitted() throws Exception {
    DataSource ds = EngineDatabase.fresh();
    ChannelFixture f = fixture(ds);
    f.engine.record(sale("INV-1", "cables", 2, 1));

    CompletableFuture<Receipt> recorded = underTheLock(ds, DEALER,
        "UPDATE loyalty_member SET status = 'SUSPENDED' WHERE id = '" + rep(DEALER, 1).value() + "'",
        () -> f.engine.record(sale("INV-2", "cables", 2, 2)));

    assertThatThrownBy(() -> join(recorded)).as("the rep suspended by the lock's holder before it let go")
        .isInstanceOf(NotEnrolledException.class);
  }

  @Test
  void theParticipantsRowsReadWithTheLockAreTheOnesTheLockHolderCommitted() throws Exception {
    DataSource ds = EngineDatabase.fresh();
    ChannelFixture f = fixture(ds);
    f.engine.record(sale("INV-1", "cables", 2, 1)); // the participants' rows exist from here on

    // the lock's holder gives the dealer gold (as a tier review of another instance would)
    CompletableFuture<Receipt> recorded = underTheLock(ds, DEALER,
        "UPDATE loyalty_participant SET tier = 'gold', tier_since_ns = 0 WHERE kind = 'P' AND id = '"
            + DEALER.value() + "'",
        () -> f.engine.record(sale("INV-2", "switches", 60, 2))); // 620,000 in two categories: gold

    Receipt receipt = join(recorded);
    assertThat(receipt.status()).isEqualTo(Receipt.Status.RECORDED);
    assertThat(receipt.tierChanges()).as("the dealer was gold already when the activity read its standing")
        .noneMatch(c -> c.participant().equals(DEALER) && c.to().equals(Optional.of(GOLD)));
    assertThat(receipt.tierChanges()).as("the rep, untouched, still moves")
        .anyMatch(c -> c.participant().equals(rep(DEALER, 1)));
  }

  @Test
  void aPartnerUnknownToTheDirectoryIsRefusedAndNothingIsWritten() throws Exception {
    DataSource ds = EngineDatabase.fresh();
    ChannelFixture f = fixture(ds);
    PartnerId stranger = PartnerId.of("dealer-unknown");
    long rowsBefore = count(ds, "SELECT (SELECT count(*) FROM loyalty_journal) + (SELECT count(*) FROM "
        + "loyalty_participant) + (SELECT count(*) FROM ledger_transaction)");

    assertThatThrownBy(() -> f.engine.record(ChannelFixture.sale("INV-X", stranger, Optional.empty(),
        START.plusSeconds(3_600), "SKU-cables", "cables", 2, "10000")))
        .isInstanceOf(UnknownPartnerException.class).hasMessageContaining(stranger.value());
    assertThat(count(ds, "SELECT (SELECT count(*) FROM loyalty_journal) + (SELECT count(*) FROM "
        + "loyalty_participant) + (SELECT count(*) FROM ledger_transaction)")).isEqualTo(rowsBefore);
  }

  private static ChannelFixture fixture(DataSource ds) {
    return ChannelFixture.onPostgres(START.plusSeconds(5 * 3_600L), ChannelFixture.program(300), new SampleRules(), ds);
  }

  /**
   * Takes {@code partner}'s lock on a connection of its own, starts {@code work} on another thread,
   * waits until that thread waits for the lock, runs {@code change} and commits (which lets go).
   */
  private static <T> CompletableFuture<T> underTheLock(DataSource ds, PartnerId partner, String change,
      java.util.function.Supplier<T> work) throws Exception {
    try (Connection holder = ds.getConnection()) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
        lock.setInt(1, PARTNER_LOCKS);
        lock.setInt(2, partner.value().hashCode());
        lock.execute();
      }
      CompletableFuture<T> started = CompletableFuture.supplyAsync(work);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (count(ds, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 0) {
        assertThat(System.nanoTime()).as("the engine waits for the partner's lock").isLessThan(deadline);
        assertThat(started).as("the engine did not go on without the lock").isNotDone();
        Thread.sleep(20);
      }
      try (Statement st = holder.createStatement()) {
        assertThat(st.executeUpdate(change)).isEqualTo(1);
      }
      holder.commit();
      return started;
    }
  }

  /** What {@code future} gave, or the exception it threw, as thrown. */
  private static <T> T join(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Sale sale(String id, String category, long quantity, int hours) {
    return ChannelFixture.sale(id, DEALER, Optional.of(rep(DEALER, 1)), START.plusSeconds(hours * 3_600L),
        "SKU-" + category, category, quantity, "10000");
  }
}
