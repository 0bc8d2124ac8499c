package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.LedgerCommand;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.ForwardingStore;
import dev.loyalty.ledger.spi.TestClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The as-of check on PostgreSQL reads only the entries after a backdated debit's date, through the
 * index by account and effective time (schema version 6), and what a backdated debit costs does not
 * grow with the account's history.
 */
class JdbcAsOfIndexTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId BUDGET = AccountId.of("budget:campaign");
  private static final AccountId DEALER = AccountId.of("wallet:dealer");

  /** Rows of the journal tables read so far in the caller's database transaction. */
  private static long rowsRead(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(sum(seq_tup_read), 0) "
        + "+ COALESCE(sum(idx_tup_fetch), 0) FROM pg_stat_xact_user_tables "
        + "WHERE relname IN ('ledger_account_entry', 'ledger_transaction')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Regression (issues 13 and 20): the store joined every entry of the account with its
   * transaction for each backdated debit (here 1,000 rows for a debit 9 entries from the end).
   */
  @Test
  void aBackdatedDebitReadsOnlyTheEntriesAfterItsDate() {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    DataSource ds = PostgresFixture.dataSource();
    TestClock clock = new TestClock(T0.plus(Duration.ofDays(100)));
    Ledger ledger = Ledger.using(store, clock);
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(BUDGET, AccountType.BUDGET);
    ledger.openAccount(DEALER, AccountType.WALLET);
    List<LedgerCommand> funding = new ArrayList<>();
    for (int hour = 0; hour < 1_000; hour++) {
      funding.add(TransferRequest.of(IdempotencyKey.of("fund-" + hour), "fund", Entry.debit(ISSUANCE, 10),
          Entry.credit(BUDGET, 10)).effectiveAt(T0.plus(Duration.ofHours(hour))));
    }
    ledger.executeAll(funding);
    Instant late = T0.plus(Duration.ofHours(990)).plusSeconds(1);

    long[] read = JdbcUnitOfWork.inTransaction(ds, () -> {
      try {
        Connection c = JdbcUnitOfWork.current(ds).orElseThrow();
        long before = rowsRead(c);
        long room = ledger.availableFrom(BUDGET, late);
        long afterRead = rowsRead(c);
        ledger.transfer(TransferRequest.of(IdempotencyKey.of("award"), "award", Entry.debit(BUDGET, 25),
            Entry.credit(DEALER, 25)).effectiveAt(late));
        return new long[] {room, afterRead - before, rowsRead(c) - afterRead};
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(read[0]).as("what the budget held from hour 990 on").isEqualTo(9_910);
    assertThat(read[1]).as("rows availableFrom read").isLessThanOrEqualTo(9);
    assertThat(read[2]).as("rows the backdated award's check read").isLessThanOrEqualTo(9);
    assertThat(ledger.balance(BUDGET).posted()).isEqualTo(9_975);

    // the same award through the SPI's default (the account's transactions after its date): the count is real
    Ledger naive = Ledger.using(ForwardingStore.withSpiDefaults(store), clock);
    long naiveRead = JdbcUnitOfWork.inTransaction(ds, () -> {
      try {
        Connection c = JdbcUnitOfWork.current(ds).orElseThrow();
        long before = rowsRead(c);
        naive.transfer(TransferRequest.of(IdempotencyKey.of("award-2"), "award", Entry.debit(BUDGET, 25),
            Entry.credit(DEALER, 25)).effectiveAt(late));
        return rowsRead(c) - before;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(naiveRead).as("rows read through the account's history").isGreaterThanOrEqualTo(1_000);
  }

  /**
   * EXPLAIN ANALYZE of the statement on a table of 100,000 entries (200 accounts of 500, vacuumed
   * and analyzed, as autovacuum leaves a live one): with the planner's own settings and with those
   * of a command, it scans the new index for exactly the 10 entries after the given time, and
   * reads no other entry and no transaction.
   */
  @Test
  void theStatementScansOnlyTheTailOfTheAccountsEntriesInTheIndex() throws SQLException {
    PostgresFixture.freshStore();
    DataSource ds = PostgresFixture.dataSource();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO ledger_account_entry (account_id, transaction_id, amount, effective_at_ns) "
          + "SELECT 'budget:' || a, a * 1000 + i, CASE WHEN i % 3 = 0 THEN -7 ELSE 11 END, "
          + "(1767225600 + i * 3600)::numeric * 1000000000 FROM generate_series(1, 200) a, generate_series(1, 500) i");
      s.execute("VACUUM ANALYZE ledger_account_entry");
      Instant from = Instant.ofEpochSecond(1767225600L + 490 * 3600);
      for (boolean commandSettings : new boolean[] {false, true}) {
        c.setAutoCommit(false);
        if (commandSettings) {
          s.execute("SELECT " + LedgerSql.COMMAND_PLANNER_SETTINGS);
        }
        List<String> plan = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
            + LedgerSql.MOST_POSTED_AFTER_SQL)) {
          ps.setString(1, "budget:7");
          ps.setBigDecimal(2, Nanos.of(from));
          ps.setArray(3, c.createArrayOf("numeric", new Object[0]));
          ps.setArray(4, c.createArrayOf("bigint", new Object[0]));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              plan.add(rs.getString(1));
            }
          }
        }
        c.rollback();
        c.setAutoCommit(true);
        String text = String.join("\n", plan);
        // an index-only scan of the tail, or (the planner's own choice for 10 rows, at times) a bitmap scan of it
        assertThat(plan).as(text).anySatisfy(line -> assertThat(line).containsPattern("(Index Only Scan using "
            + "ledger_account_entry_effective on ledger_account_entry|Bitmap Index Scan on ledger_account_entry_effective)"
            + " \\(actual rows=10 loops=1\\)"));
        assertThat(text).doesNotContain("Seq Scan").doesNotContain("ledger_account_entry_pkey")
            .doesNotContain("ledger_transaction");
      }
      try (PreparedStatement ps = c.prepareStatement(LedgerSql.MOST_POSTED_AFTER_SQL)) {
        ps.setString(1, "budget:7");
        ps.setBigDecimal(2, Nanos.of(from));
        ps.setArray(3, c.createArrayOf("numeric", new Object[0]));
        ps.setArray(4, c.createArrayOf("bigint", new Object[0]));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          // hours 491-500: +11 each but -7 at 492, 495, 498: from 500 back 11, 22, 15, 26, 37, 30, 41, 52, 45, 56
          assertThat(rs.getLong(1)).isEqualTo(56);
        }
      }
    }
    PostgresFixture.freshStore();
  }
}
