package dev.loyalty.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.TransferRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the PostgreSQL benchmark and its profile share: the server, the pool, the prefunded
 * wallets, and the naive transfer they are compared with.
 */
final class JdbcBench {

  static final int WALLETS = 1_000;
  static final int BATCH = 100;
  static final AccountId ISSUANCE = AccountId.of("system:issuance");
  static final AccountId BUDGET = AccountId.of("budget:campaign");

  private JdbcBench() {}

  /** A PostgreSQL server with its data on this machine's disk; durable: fsync and synchronous_commit on. */
  static EmbeddedPostgres server(boolean durable, Map<String, String> settings) throws IOException {
    return builder(durable, settings).setDataDirectory(Files.createTempDirectory("ledger-bench-pg")).start();
  }

  /** {@link #server(boolean, Map)} with its data in {@code data} (created if missing), kept there when it stops. */
  static EmbeddedPostgres server(boolean durable, Map<String, String> settings, Path data) throws IOException {
    Files.createDirectories(data);
    return builder(durable, settings).setDataDirectory(data).setCleanDataDirectory(false).start();
  }

  private static EmbeddedPostgres.Builder builder(boolean durable, Map<String, String> settings) {
    String sync = durable ? "on" : "off";
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setServerConfig("fsync", sync).setServerConfig("synchronous_commit", sync)
        .setServerConfig("max_connections", "100");
    settings.forEach(builder::setServerConfig);
    return builder;
  }

  static HikariDataSource pool(EmbeddedPostgres pg) {
    HikariConfig config = new HikariConfig();
    PGSimpleDataSource dataSource = (PGSimpleDataSource) pg.getPostgresDatabase();
    // recommended for the ledger: a JDBC batch of inserts becomes one multi-row INSERT
    dataSource.setReWriteBatchedInserts(true);
    // server-side prepared statements from the first use: the ledger runs the same few statements
    dataSource.setPrepareThreshold(1);
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(16);
    return new HikariDataSource(config);
  }

  static String serverVersion(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  static List<AccountId> setUpLedger(Ledger ledger) {
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(BUDGET, AccountType.BUDGET);
    ledger.transfer(TransferRequest.of(IdempotencyKey.of("fund"), "fund", Entry.debit(ISSUANCE, 1_000_000_000L),
        Entry.credit(BUDGET, 1_000_000_000L)));
    List<AccountId> wallets = new ArrayList<>();
    List<TransferRequest> prefund = new ArrayList<>();
    for (int i = 0; i < WALLETS; i++) {
      AccountId w = AccountId.of("wallet:" + i);
      ledger.openAccount(w, AccountType.WALLET);
      wallets.add(w);
      prefund.add(TransferRequest.of(IdempotencyKey.of("prefund-" + i), "prefund", Entry.debit(ISSUANCE, 10_000_000),
          Entry.credit(w, 10_000_000, Expiry.at(Instant.parse("2027-12-31T00:00:00Z")))));
    }
    ledger.executeAll(prefund);
    return wallets;
  }

  /** The naive baseline's own two tables: balances, and one row per transfer. */
  static void setUpNaive(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE naive_account (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)");
      s.execute("CREATE TABLE naive_transfer (id BIGSERIAL PRIMARY KEY, from_id INTEGER NOT NULL, to_id INTEGER NOT NULL, "
          + "amount BIGINT NOT NULL)");
      s.execute("INSERT INTO naive_account SELECT g, 1000000000 FROM generate_series(-1, " + WALLETS + ") g");
    }
  }

  /** Lock both rows in id order, two updates, one insert, commit. */
  static void naiveTransfer(HikariDataSource pool, int from, int to, long amount) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement lock = c.prepareStatement(
              "SELECT id FROM naive_account WHERE id IN (?, ?) ORDER BY id FOR UPDATE");
          PreparedStatement update = c.prepareStatement("UPDATE naive_account SET balance = balance + ? WHERE id = ?");
          PreparedStatement insert = c.prepareStatement(
              "INSERT INTO naive_transfer (from_id, to_id, amount) VALUES (?, ?, ?)")) {
        lock.setInt(1, from);
        lock.setInt(2, to);
        lock.executeQuery().close();
        update.setLong(1, -amount);
        update.setInt(2, from);
        update.executeUpdate();
        update.setLong(1, amount);
        update.setInt(2, to);
        update.executeUpdate();
        insert.setInt(1, from);
        insert.setInt(2, to);
        insert.setLong(3, amount);
        insert.executeUpdate();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
