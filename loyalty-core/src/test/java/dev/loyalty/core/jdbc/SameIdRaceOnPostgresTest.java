package dev.loyalty.core.jdbc;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.DuplicateActivityException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.SampleRules;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two partners' activities with one id, racing on PostgreSQL: dealer-a's looked for its id in the
 * journal and found nothing, then dealer-b's (another partner, so another partner lock) committed
 * before dealer-a's reached the ledger. The ledger then finds the activity's key used by another
 * request. The caller must get what the in-memory engine gives the second of two activities with
 * one id, a {@link DuplicateActivityException}, and nothing may be applied twice. (It used to get a
 * bare LoyaltyException, "cannot be written", meant for a key used outside the engine.)
 */
class SameIdRaceOnPostgresTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final Instant NOW = START.plusSeconds(10 * 3_600L);
  private static final Program PROGRAM = ChannelFixture.program(1_000_000_000L);
  private static final PartnerId HELD = DEALERS.get(0);

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch open = new CountDownLatch(1);
  /** The sample rules, except that the held dealer's first evaluation waits until the test opens it. */
  private final RuleEngine rules = facts -> {
    if (facts.activity().partner().equals(HELD) && entered.getCount() > 0) {
      entered.countDown();
      try {
        open.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new SampleRules().evaluate(facts);
  };

  private static Sale sale(String id, PartnerId partner, long quantity) {
    return ChannelFixture.sale(id, partner, Optional.of(rep(partner, 1)), START.plusSeconds(3_600L), "SKU-1", "cables",
        quantity, "10000");
  }

  @Test
  void theLaterOfTwoPartnersActivitiesWithOneIdIsRefusedAsADuplicate() throws Exception {
    DataSource ds = EngineDatabase.fresh();
    ChannelFixture f = ChannelFixture.onPostgres(NOW, PROGRAM, rules, ds);
    Sale mine = sale("SAME-ID", HELD, 3);
    Sale theirs = sale("SAME-ID", DEALERS.get(1), 4);
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread held = new Thread(() -> {
      try {
        outcome.set(f.engine.record(mine));
      } catch (RuntimeException e) {
        outcome.set(e);
      }
    });
    held.start();
    assertThat(entered.await(30, TimeUnit.SECONDS)).as("dealer-a's activity is past its journal lookup").isTrue();
    Receipt first = f.engine.record(theirs);
    open.countDown();
    held.join(60_000);

    assertThat(outcome.get()).isInstanceOf(DuplicateActivityException.class);
    assertThat(f.engine.receipt(mine.id())).contains(first);
    assertThat(count(ds, "SELECT count(*) FROM loyalty_journal WHERE activity_id = 'SAME-ID'")).isEqualTo(1);
    assertThat(count(ds, "SELECT count(*) FROM ledger_transaction WHERE idempotency_key LIKE '%:activity:SAME-ID'"))
        .isEqualTo(1);
    ChannelFixture model = new ChannelFixture(NOW, PROGRAM, new SampleRules());
    model.engine.record(theirs);
    for (PartnerId dealer : DEALERS.subList(0, 2)) {
      assertThat(f.engine.balance(dealer)).as("wallet of %s", dealer).isEqualTo(model.engine.balance(dealer));
      assertThat(f.engine.balance(rep(dealer, 1))).isEqualTo(model.engine.balance(rep(dealer, 1)));
    }
    assertThat(f.journal.incomplete()).isEmpty();
    assertThat(f.ledger.verify().intact()).isTrue();
  }

  private static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
