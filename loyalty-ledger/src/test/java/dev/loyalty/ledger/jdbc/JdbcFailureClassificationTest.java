package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.spi.ChangeSet;
import dev.loyalty.ledger.spi.LedgerStoreException;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A store failure is marked transient only when sending the same command again may succeed. */
class JdbcFailureClassificationTest {

  @Test
  void aUniqueViolationThatOutlastsTheRetriesIsNoRaceAndNotTransient() {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    Account account = new Account(AccountId.of("wallet:w"), AccountType.WALLET, Instant.EPOCH);
    store.write(tx -> {
      tx.apply(ChangeSet.openAccount(account));
      return null;
    });
    // the same row again, behind the ledger's back (the ledger locks and looks first): every attempt collides
    assertThatThrownBy(() -> store.write(tx -> {
      tx.apply(ChangeSet.openAccount(account));
      return null;
    })).isInstanceOf(LedgerStoreException.class).hasMessageContaining("23505").hasMessageContaining("attempts")
        .satisfies(e -> assertThat(((LedgerStoreException) e).isTransient()).isFalse());
  }

  @Test
  void onlyFailuresThatMayClearAreTransient() {
    assertThat(RetryingTransactions.isTransient(new SQLException("serialization", "40001"), true)).isTrue();
    assertThat(RetryingTransactions.isTransient(new SQLException("deadlock", "40P01"), true)).isTrue();
    assertThat(RetryingTransactions.isTransient(new SQLException("duplicate", "23505"), true)).isFalse();
    assertThat(RetryingTransactions.isTransient(new SQLException("connection lost", "08006"), false)).isTrue();
    assertThat(RetryingTransactions.isTransient(new SQLException("admin shutdown", "57P01"), false)).isTrue();
    assertThat(RetryingTransactions.isTransient(new SQLException("out of memory", "53200"), false)).isTrue();
    assertThat(RetryingTransactions.isTransient(new SQLException("statement timeout", "57014"), false)).isTrue();
    assertThat(RetryingTransactions.isTransient(new SQLException("bad encoding", "22021"), false)).isFalse();
    assertThat(RetryingTransactions.isTransient(new SQLException("check violated", "23514"), false)).isFalse();
    assertThat(RetryingTransactions.isTransient(new SQLException("no such table", "42P01"), false)).isFalse();
    assertThat(RetryingTransactions.isTransient(new SQLException("no state"), false)).isFalse();
  }
}
