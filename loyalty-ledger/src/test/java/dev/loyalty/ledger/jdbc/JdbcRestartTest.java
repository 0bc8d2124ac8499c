package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.LedgerCommand;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.LedgerStoreException;
import dev.loyalty.ledger.spi.TestClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The database server restarts between commands: what was committed survives, the pool's dead
 * connections surface as transient failures, and retrying with the key applies a command once.
 */
class JdbcRestartTest {

  static final AccountId ISSUANCE = AccountId.of("system:issuance");
  static final AccountId CLEARING = AccountId.of("system:clearing");
  static final AccountId WALLET = AccountId.of("wallet:dealer");

  @Test
  void committedWorkSurvivesARestartAndRetriedCommandsApplyOnce() throws Exception {
    Path dataDirectory = Files.createTempDirectory("ledger-restart-pg");
    EmbeddedPostgres server = start(dataDirectory, 0);
    int port = server.getPort();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://localhost:" + port + "/postgres");
    config.setUsername("postgres");
    config.setMaximumPoolSize(2);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      JdbcLedgerStore store = JdbcLedgerStore.using(pool);
      store.migrate();
      Ledger ledger = Ledger.using(store, new TestClock(Instant.parse("2026-01-01T00:00:00Z")));
      ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
      ledger.openAccount(CLEARING, AccountType.SYSTEM);
      ledger.openAccount(WALLET, AccountType.WALLET);
      TransferRequest earn = TransferRequest.of(IdempotencyKey.of("earn-1"), "earn", Entry.debit(ISSUANCE, 500),
          Entry.credit(WALLET, 500, Expiry.at(Instant.parse("2027-01-01T00:00:00Z"))));
      Transaction first = ledger.transfer(earn);
      HoldId hold = ledger.hold(HoldRequest.of(IdempotencyKey.of("redeem-1"), WALLET, CLEARING, 200, "redeem"));

      server.close();
      server = start(dataDirectory, port);

      // the first command after the restart may meet a dead pooled connection: retry with the key
      assertThat(retrying(ledger, earn)).contains(first);
      retrying(ledger, PostHoldRequest.full(IdempotencyKey.of("ship-1"), hold, "shipped"));
      retrying(ledger, PostHoldRequest.full(IdempotencyKey.of("ship-1"), hold, "shipped"));
      assertThat(ledger.balance(WALLET).posted()).isEqualTo(300);
      assertThat(ledger.balance(CLEARING).posted()).isEqualTo(200);
      assertThat(ledger.trialBalance().isBalanced()).isTrue();
      assertThat(ledger.verify().intact()).isTrue();
    } finally {
      server.close();
    }
  }

  private static Optional<Transaction> retrying(Ledger ledger, LedgerCommand command) {
    for (int attempt = 1; ; attempt++) {
      try {
        return ledger.execute(command);
      } catch (LedgerStoreException e) {
        assertThat(e.isTransient()).as(e.getMessage()).isTrue();
        assertThat(attempt).as("attempts").isLessThan(10);
      }
    }
  }

  private static EmbeddedPostgres start(Path dataDirectory, int port) throws java.io.IOException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false);
    if (port != 0) {
      builder.setPort(port);
    }
    return builder.start();
  }
}
