package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.ChainVerification;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.LedgerStoreException;
import dev.loyalty.ledger.spi.TestClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Connections die in the middle of commands (another session runs pg_terminate_backend on every
 * busy ledger connection, over and over). Each command is retried with its key until it lands.
 * Afterwards every command was applied exactly once and no half-written transaction exists: for
 * commands from one thread, and for commands from four threads that group commit writes
 * together (a killed group is written again command by command).
 */
class JdbcFaultTest {

  static final AccountId ISSUANCE = AccountId.of("system:issuance");
  static final AccountId WALLET = AccountId.of("wallet:dealer");
  static final int COMMANDS = 300;

  @Test
  void killedConnectionsLeaveNoHalfWrittenTransactionAndRetriesApplyEachCommandOnce() throws Exception {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    Ledger ledger = opened(store);
    int failures;
    try (Killer killer = new Killer()) {
      failures = 0;
      for (int i = 0; i < COMMANDS; i++) {
        failures += transferUntilApplied(ledger, earn(i));
      }
      System.out.printf("fault test, one thread: %d backends killed, %d command attempts failed and were retried%n",
          killer.killed.get(), failures);
      assertThat(killer.killed.get()).as("backends killed").isPositive();
    }
    assertThat(failures).as("commands that saw a killed connection").isPositive();
    assertEachCommandAppliedOnce(store, ledger);
  }

  @Test
  void killedGroupCommitsLeaveNoHalfWrittenTransactionAndRetriesApplyEachCommandOnce() throws Exception {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    Ledger ledger = opened(store);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    int failures = 0;
    try (Killer killer = new Killer()) {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          int failed = 0;
          for (int i = thread; i < COMMANDS; i += threads) {
            failed += transferUntilApplied(ledger, earn(i));
          }
          return failed;
        }));
      }
      for (Future<Integer> f : done) {
        failures += f.get(5, TimeUnit.MINUTES);
      }
      System.out.printf("fault test, %d threads: %d backends killed, %d command attempts failed and were retried, "
          + "%d groups committed together%n", threads, killer.killed.get(), failures, store.chunksCommittedTogether());
      assertThat(killer.killed.get()).as("backends killed").isPositive();
    } finally {
      pool.shutdownNow();
    }
    // every command credits the one wallet from the one issuance account: commands queue on those
    // locks, so the group commit has groups to write
    assertThat(store.chunksCommittedTogether()).as("groups committed together").isPositive();
    assertEachCommandAppliedOnce(store, ledger);
  }

  private static Ledger opened(JdbcLedgerStore store) {
    Ledger ledger = Ledger.using(store, new TestClock(Instant.parse("2026-01-01T00:00:00Z")));
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(WALLET, AccountType.WALLET);
    return ledger;
  }

  private static TransferRequest earn(int i) {
    return TransferRequest.of(IdempotencyKey.of("earn-" + i), "earn", Entry.debit(ISSUANCE, 10),
        Entry.credit(WALLET, 10, Expiry.at(Instant.parse("2027-01-01T00:00:00Z"))));
  }

  /** Sends {@code command} until it lands, as a client retrying with the same key would; returns the failed attempts. */
  private static int transferUntilApplied(Ledger ledger, TransferRequest command) {
    for (int attempt = 1; ; attempt++) {
      try {
        ledger.transfer(command);
        return attempt - 1;
      } catch (LedgerStoreException e) {
        assertThat(e.isTransient()).as(e.getMessage()).isTrue();
        assertThat(attempt).as("attempts for %s", command.key()).isLessThan(50);
      }
    }
  }

  private static void assertEachCommandAppliedOnce(JdbcLedgerStore store, Ledger ledger) throws SQLException {
    assertThat(ledger.balance(WALLET).posted()).isEqualTo(10L * COMMANDS);
    assertThat(ledger.lots(WALLET, false)).extracting(Lot::remaining).containsOnly(10L).hasSize(COMMANDS);
    assertThat(ledger.trialBalance().isBalanced()).isTrue();
    List<Transaction> journal = store.journal(java.util.Optional.empty(), 10_000);
    assertThat(journal).hasSize(COMMANDS)
        .allSatisfy(tx -> assertThat(tx.postings()).hasSize(2).extracting(p -> p.amount()).containsExactlyInAnyOrder(-10L, 10L));
    ChainVerification chain = ledger.verify();
    assertThat(chain.intact()).as(chain.detail()).isTrue();
    try (Connection c = PostgresFixture.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM ledger_transaction t WHERE t.detail IS NULL "
            + "OR NOT EXISTS (SELECT 1 FROM ledger_account_entry e WHERE e.transaction_id = t.id) "
            + "OR (SELECT sum(amount) FROM ledger_account_entry e WHERE e.transaction_id = t.id) <> 0")) {
      rs.next();
      assertThat(rs.getInt(1)).as("transactions without balanced postings").isZero();
    }
    // and the ledger is healthy afterwards
    ledger.transfer(TransferRequest.of(IdempotencyKey.of("after"), "earn", Entry.debit(ISSUANCE, 1), Entry.credit(WALLET, 1)));
    assertThat(ledger.balance(WALLET).posted()).isEqualTo(10L * COMMANDS + 1);
  }

  /** Another session that terminates every busy backend of the test database, over and over, until closed. */
  private static final class Killer implements AutoCloseable {
    final AtomicInteger killed = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Killer() {
      DataSource admin = PostgresFixture.server().getPostgresDatabase();
      thread = new Thread(() -> {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
          while (running.get()) {
            try (ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                + "AND state IN ('active', 'idle in transaction')")) {
              rs.next();
              killed.addAndGet(rs.getInt(1));
            }
            Thread.sleep(15 + (killed.get() % 7) * 5); // leave most commands time to finish
          }
        } catch (SQLException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }
}
