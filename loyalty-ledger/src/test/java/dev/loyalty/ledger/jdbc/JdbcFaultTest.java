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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Connections die in the middle of commands (another session runs pg_terminate_backend on every
 * busy ledger connection, over and over). Each command is retried with its key until it lands.
 * Afterwards every command was applied exactly once and no half-written transaction exists.
 */
class JdbcFaultTest {

  static final AccountId ISSUANCE = AccountId.of("system:issuance");
  static final AccountId WALLET = AccountId.of("wallet:dealer");

  @Test
  void killedConnectionsLeaveNoHalfWrittenTransactionAndRetriesApplyEachCommandOnce() throws Exception {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    Ledger ledger = Ledger.using(store, new TestClock(Instant.parse("2026-01-01T00:00:00Z")));
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(WALLET, AccountType.WALLET);
    DataSource admin = PostgresFixture.server().getPostgresDatabase();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger killed = new AtomicInteger();
    Thread killer = new Thread(() -> {
      try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
        while (running.get()) {
          try (ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
              + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')")) {
            rs.next();
            killed.addAndGet(rs.getInt(1));
          }
          Thread.sleep(15 + (killed.get() % 7) * 5); // leave most commands time to finish
        }
      } catch (SQLException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    killer.start();
    int commands = 300;
    int failures = 0;
    try {
      for (int i = 0; i < commands; i++) {
        TransferRequest earn = TransferRequest.of(IdempotencyKey.of("earn-" + i), "earn", Entry.debit(ISSUANCE, 10),
            Entry.credit(WALLET, 10, Expiry.at(Instant.parse("2027-01-01T00:00:00Z"))));
        for (int attempt = 1; ; attempt++) {
          try {
            ledger.transfer(earn);
            break;
          } catch (LedgerStoreException e) {
            assertThat(e.isTransient()).as(e.getMessage()).isTrue();
            failures++;
            assertThat(attempt).as("attempts for command %d", i).isLessThan(50);
          }
        }
      }
    } finally {
      running.set(false);
      killer.join();
    }
    System.out.printf("fault test: %d backends killed, %d command attempts failed and were retried%n", killed.get(),
        failures);
    assertThat(killed.get()).as("backends killed").isPositive();
    assertThat(failures).as("commands that saw a killed connection").isPositive();

    assertThat(ledger.balance(WALLET).posted()).isEqualTo(10L * commands);
    assertThat(ledger.lots(WALLET, false)).extracting(Lot::remaining).containsOnly(10L).hasSize(commands);
    assertThat(ledger.trialBalance().isBalanced()).isTrue();
    List<Transaction> journal = store.journal(java.util.Optional.empty(), 10_000);
    assertThat(journal).hasSize(commands)
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
    assertThat(ledger.balance(WALLET).posted()).isEqualTo(10L * commands + 1);
  }
}
