package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.spi.LedgerStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The schema's life: missing, migrated (twice), too new. Each test has a database of its own. */
class JdbcSchemaTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static DataSource emptyDatabase() throws SQLException {
    String name = "schema_test_" + DATABASES.incrementAndGet();
    try (Connection c = PostgresFixture.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
    return PostgresFixture.server().getDatabase("postgres", name);
  }

  @Test
  void aStoreOnADatabaseWithoutTheSchemaSaysToMigrate() throws SQLException {
    Ledger ledger = Ledger.using(JdbcLedgerStore.using(emptyDatabase()), Clock.systemUTC());
    assertThatThrownBy(() -> ledger.openAccount(AccountId.of("a"), AccountType.WALLET))
        .isInstanceOf(LedgerStoreException.class)
        .hasMessageContaining("no ledger schema")
        .hasMessageContaining("migrate()")
        .satisfies(e -> assertThat(((LedgerStoreException) e).isTransient()).isFalse());
  }

  @Test
  void migrateCreatesTheSchemaOnceAndIsIdempotent() throws SQLException {
    DataSource db = emptyDatabase();
    JdbcLedgerStore store = JdbcLedgerStore.using(db);
    assertThat(store.migrate()).isEqualTo(1);
    assertThat(JdbcLedgerStore.using(db).migrate()).isEqualTo(1);
    Ledger ledger = Ledger.using(store, Clock.systemUTC());
    ledger.openAccount(AccountId.of("a"), AccountType.WALLET);
    assertThat(ledger.accounts()).hasSize(1);
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM ledger_schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void aNewerSchemaIsRefusedByMigrateAndByTheStore() throws SQLException {
    DataSource db = emptyDatabase();
    JdbcLedgerStore.using(db).migrate();
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO ledger_schema_version (version, applied_at) VALUES (2, now())");
    }
    assertThatThrownBy(() -> JdbcLedgerStore.using(db).migrate()).isInstanceOf(LedgerStoreException.class)
        .hasMessageContaining("version 2").hasMessageContaining("newer");
    Ledger ledger = Ledger.using(JdbcLedgerStore.using(db), Clock.systemUTC());
    assertThatThrownBy(() -> ledger.accounts()).isInstanceOf(LedgerStoreException.class)
        .hasMessageContaining("version 2").hasMessageContaining("upgrade the library");
  }

  @Test
  void theSchemaScriptSplitsIntoStatementsADbaCanRead() {
    assertThat(SchemaMigrator.statements("V1__ledger.sql"))
        .anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE ledger_account"))
        .allSatisfy(s -> assertThat(s).doesNotContain("--"));
  }
}
