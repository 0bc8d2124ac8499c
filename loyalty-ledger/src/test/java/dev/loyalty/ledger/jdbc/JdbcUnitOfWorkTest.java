package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.LedgerStoreException;
import dev.loyalty.ledger.spi.TestClock;
import dev.loyalty.ledger.spi.Together;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ledger commands inside a {@link JdbcUnitOfWork} commit with it and with the caller's own rows, or
 * not at all; outside one, several threads' commands are still committed together (group commit);
 * the chain is sealed only after the unit's commit.
 */
class JdbcUnitOfWorkTest {
  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId WALLET = AccountId.of("wallet:a");
  private static final AccountId POOR = AccountId.of("wallet:poor");

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeAll
  static void hostTable() throws SQLException {
    try (Connection c = PostgresFixture.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS host_invoice_points (invoice VARCHAR(40) PRIMARY KEY, points BIGINT)");
    }
  }

  private Ledger ledger() {
    return ledger(PostgresFixture.freshStore());
  }

  private Ledger ledger(JdbcLedgerStore store) {
    Ledger ledger = Ledger.using(store, clock);
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(WALLET, AccountType.WALLET);
    ledger.openAccount(POOR, AccountType.WALLET);
    try (Connection c = PostgresFixture.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE host_invoice_points");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return ledger;
  }

  private static TransferRequest award(String key, long points) {
    return TransferRequest.of(IdempotencyKey.of(key), "award", Entry.debit(ISSUANCE, points),
        Entry.credit(WALLET, points, Expiry.never()));
  }

  private static void hostRow(DataSource ds, String invoice, long points) {
    try (PreparedStatement ps = JdbcUnitOfWork.current(ds).orElseThrow()
        .prepareStatement("INSERT INTO host_invoice_points VALUES (?, ?)")) {
      ps.setString(1, invoice);
      ps.setLong(2, points);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long hostRows(DataSource ds) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM host_invoice_points")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void commandsInsideAUnitCommitWithTheCallersRows_andAreInvisibleToOthersUntilThen() throws Exception {
    Ledger ledger = ledger();
    DataSource ds = PostgresFixture.dataSource();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      long seenInside = JdbcUnitOfWork.inTransaction(ds, () -> {
        ledger.transfer(award("INV-1", 100));
        hostRow(ds, "INV-1", 100);
        // this thread sees its own uncommitted command; another thread (another connection) does not
        long mine = ledger.balance(WALLET).posted();
        try {
          assertThat(other.submit(() -> ledger.balance(WALLET).posted()).get(10, TimeUnit.SECONDS)).isZero();
          assertThat(other.submit(() -> hostRows(ds)).get(10, TimeUnit.SECONDS)).isZero();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return mine;
      });
      assertThat(seenInside).isEqualTo(100);
      assertThat(ledger.balance(WALLET).posted()).isEqualTo(100);
      assertThat(hostRows(ds)).isEqualTo(1);
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void aUnitThatThrowsRollsBackItsCommandsAndTheCallersRows_andItsKeysAreFreeAgain() {
    Ledger ledger = ledger();
    DataSource ds = PostgresFixture.dataSource();
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(ds, () -> {
      ledger.transfer(award("INV-1", 100));
      hostRow(ds, "INV-1", 100);
      throw new IllegalStateException("the host's own check failed");
    })).hasMessage("the host's own check failed");

    assertThat(ledger.balance(WALLET).posted()).isZero();
    assertThat(ledger.balance(ISSUANCE).posted()).isZero();
    assertThat(hostRows(ds)).isZero();
    assertThat(ledger.history(WALLET, java.util.Optional.empty(), 10).transactions()).isEmpty();
    // the key was never committed: the same request (or another) under it is a new command
    Transaction tx = ledger.transfer(award("INV-1", 70));
    assertThat(tx.amountFor(WALLET)).isEqualTo(70);
  }

  @Test
  void aRefusalInsideAUnitIsRememberedWithIt_andTheUnitGoesOn() {
    Ledger ledger = ledger();
    DataSource ds = PostgresFixture.dataSource();
    JdbcUnitOfWork.inTransaction(ds, () -> {
      assertThatThrownBy(() -> ledger.transfer(TransferRequest.of(IdempotencyKey.of("spend"), "spend",
          Entry.debit(POOR, 5), Entry.credit(ISSUANCE, 5)))).isInstanceOf(InsufficientBalanceException.class);
      ledger.transfer(award("INV-2", 30));
      return null;
    });
    assertThat(ledger.balance(WALLET).posted()).isEqualTo(30);
    // the refusal committed with the unit: the key replays it
    assertThatThrownBy(() -> ledger.transfer(TransferRequest.of(IdempotencyKey.of("spend"), "spend",
        Entry.debit(POOR, 5), Entry.credit(ISSUANCE, 5)))).isInstanceOf(InsufficientBalanceException.class);
  }

  @Test
  void aStatementThatFailsInsideAUnitRollsItBack_evenIfTheCallerCarriesOn() {
    Ledger ledger = ledger();
    DataSource ds = PostgresFixture.dataSource();
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(ds, () -> {
      ledger.transfer(award("INV-1", 100));
      try (Statement s = JdbcUnitOfWork.current(ds).orElseThrow().createStatement()) {
        s.execute("SELECT 1/0");
      } catch (SQLException e) {
        JdbcUnitOfWork.markFailed(ds, e);   // a store that caught its own failure
      }
      return null;   // ... and a caller that goes on as if nothing happened
    })).isInstanceOf(LedgerStoreException.class).hasMessageContaining("rolled back")
        .hasMessageContaining("division by zero");
    assertThat(ledger.balance(WALLET).posted()).isZero();
  }

  @Test
  void aLedgerCommandFailingInsideAUnitIsNotRetriedThere_andSaysWhetherTheUnitMayBeRunAgain() {
    Ledger ledger = ledger();
    DataSource ds = PostgresFixture.dataSource();
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> JdbcUnitOfWork.inTransaction(ds, () -> {
      try (Statement s = JdbcUnitOfWork.current(ds).orElseThrow().createStatement()) {
        // the unit's transaction is already aborted when the ledger's statement arrives
        s.execute("SELECT 1/0");
      } catch (SQLException expected) {
        // not marked: the ledger's own failure must mark the unit
      }
      ledger.transfer(award("INV-1", 100));
      return null;
    }));
    assertThat(thrown).isInstanceOf(LedgerStoreException.class).hasMessageContaining("inside the caller's unit");
    assertThat(JdbcUnitOfWork.isTransient(thrown)).isFalse();
    assertThat(ledger.balance(WALLET).posted()).isZero();
  }

  @Test
  void aUnitOpenedInsideAnOpenOneJoinsIt_andAfterCommitActionsRunOnlyOnCommit() {
    Ledger ledger = ledger();
    DataSource ds = PostgresFixture.dataSource();
    List<String> done = new ArrayList<>();
    JdbcUnitOfWork.inTransaction(ds, () -> {
      JdbcUnitOfWork.afterCommit(ds, () -> done.add("outer"));
      JdbcUnitOfWork.inTransaction(ds, () -> {
        ledger.transfer(award("INV-1", 10));
        JdbcUnitOfWork.afterCommit(ds, () -> done.add("inner"));
        return null;
      });
      assertThat(done).isEmpty();
      return null;
    });
    assertThat(done).containsExactly("outer", "inner");
    assertThat(JdbcUnitOfWork.current(ds)).isEmpty();

    done.clear();
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(ds, () -> {
      JdbcUnitOfWork.afterCommit(ds, () -> done.add("never"));
      throw new IllegalStateException("rolled back");
    }));
    assertThat(done).isEmpty();
    JdbcUnitOfWork.afterCommit(ds, () -> done.add("at once"));
    assertThat(done).containsExactly("at once");
  }

  @Test
  void theChainIsSealedAfterTheUnitCommits_notInsideIt() {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    Ledger fresh = ledger(store);
    fresh.seal();
    DataSource ds = PostgresFixture.dataSource();
    int commands = store.sealEvery() + 3;
    JdbcUnitOfWork.inTransaction(ds, () -> {
      for (int i = 0; i < commands; i++) {
        fresh.transfer(award("INV-" + i, 1));
      }
      // inside the unit nothing was sealed (a seal of uncommitted rows would hold the sealer's lock)
      assertThat(store.unsealed(1_000)).hasSize(commands);
      return null;
    });
    // sealed once the unit committed: at most what came after the last multiple of sealEvery is left
    assertThat(store.unsealed(1_000).size()).isLessThan(store.sealEvery());
    assertThat(fresh.verify().intact()).isTrue();
  }

  @Test
  void outsideUnitsConcurrentCommandsAreStillCommittedTogether_whileUnitsOnOtherThreadsCommitAlone()
      throws Exception {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    Ledger ledger = ledger(store);
    Ledger grouped = ledger;
    DataSource ds = PostgresFixture.dataSource();
    long chunksBefore = store.chunksCommittedTogether();
    int threads = 8;
    int each = 40;
    AtomicInteger committedInUnits = new AtomicInteger();
    Together.run(threads, thread -> {
      for (int i = 0; i < each; i++) {
        String key = "t" + thread + "-" + i;
        if (thread % 2 == 0) {
          grouped.transfer(award(key, 1));
          continue;
        }
        boolean rollBack = i % 3 == 0;
        try {
          JdbcUnitOfWork.inTransaction(ds, () -> {
            grouped.transfer(award(key, 1));
            hostRow(ds, key, 1);
            if (rollBack) {
              throw new IllegalStateException("rolled back");
            }
            return null;
          });
          committedInUnits.incrementAndGet();
        } catch (IllegalStateException expected) {
          assertThat(rollBack).isTrue();
        }
      }
    });
    long plain = (threads / 2) * (long) each;
    assertThat(ledger.balance(WALLET).posted()).isEqualTo(plain + committedInUnits.get());
    assertThat(hostRows(ds)).isEqualTo(committedInUnits.get());
    assertThat(store.chunksCommittedTogether()).as("plain commands still grouped").isGreaterThan(chunksBefore);
    assertThat(ledger.verify().intact()).isTrue();
    assertThat(ledger.trialBalance().isBalanced()).isTrue();
  }
}
