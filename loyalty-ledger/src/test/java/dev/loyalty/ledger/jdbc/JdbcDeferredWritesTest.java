package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.LedgerStoreException;
import dev.loyalty.ledger.spi.TestClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes a caller defers to a unit's commit ({@link JdbcUnitOfWork#deferToCommit}) go in the round
 * trip of the {@code COMMIT}, before the ledger's additions when the unit has some, and commit with
 * the unit's other work or not at all: one failing rolls the whole unit back, ledger commands
 * included. {@link JdbcUnitOfWork#sendDeferred} sends them early, for a read inside the unit.
 */
class JdbcDeferredWritesTest {
  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId WALLET = AccountId.of("wallet:a");
  private static final String INSERT = "INSERT INTO host_deferred (invoice, points) VALUES (?, ?)";

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private DataSource ds;
  private Ledger ledger;

  @BeforeAll
  static void hostTable() throws SQLException {
    try (Connection c = PostgresFixture.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS host_deferred (invoice VARCHAR(40) PRIMARY KEY, points BIGINT)");
    }
  }

  @BeforeEach
  void fresh() throws SQLException {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    ds = PostgresFixture.dataSource();
    ledger = Ledger.using(store, clock);
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(WALLET, AccountType.WALLET);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE host_deferred");
    }
  }

  private static TransferRequest award(String key, long points) {
    return TransferRequest.of(IdempotencyKey.of(key), "award", Entry.debit(ISSUANCE, points),
        Entry.credit(WALLET, points, Expiry.never()));
  }

  /** A host row written with the unit's commit. */
  private static JdbcUnitOfWork.DeferredWrite row(String invoice, long points) {
    return new JdbcUnitOfWork.DeferredWrite() {
      @Override
      public String sql() {
        return INSERT;
      }

      @Override
      public int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
        ps.setString(first, invoice);
        ps.setLong(first + 1, points);
        return first + 2;
      }
    };
  }

  private long rows(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM host_deferred")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long rows() {
    try (Connection c = ds.getConnection()) {
      return rows(c);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void deferredWritesGoInTheRoundTripOfTheLedgersCommit_beforeItsAdditions() {
    SentStatements trace = new SentStatements(ds);
    DataSource counted = trace.dataSource();
    Ledger counting = Ledger.using(JdbcLedgerStore.using(counted), clock);
    JdbcUnitOfWork.inTransaction(counted, () -> {
      counting.transfer(award("INV-1", 100)); // adds to the issuance account at the commit
      assertThat(JdbcUnitOfWork.deferToCommit(counted, row("INV-1", 100))).isTrue();
      assertThat(JdbcUnitOfWork.deferToCommit(counted, row("INV-2", 50))).isTrue();
      return null;
    });

    List<String> withInsert = trace.sent().stream().filter(s -> s.contains("host_deferred")).toList();
    assertThat(withInsert).as("both rows in one statement text").singleElement().satisfies(sql -> {
      assertThat(sql).startsWith(INSERT + "; " + INSERT + "; ");
      assertThat(sql).contains("UPDATE ledger_account").endsWith("; COMMIT");
    });
    assertThat(rows()).isEqualTo(2);
    assertThat(ledger.balance(WALLET).posted()).isEqualTo(100);
    assertThat(ledger.balance(ISSUANCE).posted()).isEqualTo(-100);
  }

  @Test
  void withoutLedgerAdditionsTheDeferredWritesAndTheCommitAreOneStatement() {
    SentStatements trace = new SentStatements(ds);
    JdbcUnitOfWork.inTransaction(trace.dataSource(), () -> JdbcUnitOfWork.deferToCommit(trace.dataSource(),
        row("INV-1", 100)));
    assertThat(trace.sent()).containsExactly(INSERT + "; COMMIT");
    assertThat(rows()).isEqualTo(1);
  }

  /** A host row under INV-1 already, so that deferring another one fails at the commit. */
  private void takeInv1() throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO host_deferred VALUES ('INV-1', 1)");
    }
  }

  @Test
  void aDeferredWriteFailingAtTheCommitRollsTheWholeUnitBack() throws SQLException {
    takeInv1();
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(ds, () -> {
      ledger.transfer(award("INV-9", 100));
      JdbcUnitOfWork.deferToCommit(ds, row("INV-2", 100));
      JdbcUnitOfWork.deferToCommit(ds, row("INV-1", 100)); // the key is taken: fails at the commit
      return null;
    })).isInstanceOf(LedgerStoreException.class).hasMessageContaining("committing the unit of work failed")
        .hasMessageContaining("23505");

    assertThat(rows()).as("neither deferred row").isEqualTo(1);
    assertThat(ledger.balance(WALLET).posted()).as("nor the ledger's command").isZero();
    assertThat(ledger.balance(ISSUANCE).posted()).isZero();
    assertThat(ledger.history(WALLET, java.util.Optional.empty(), 10).transactions()).isEmpty();
    // the command's key was never committed
    assertThat(ledger.transfer(award("INV-9", 70)).amountFor(WALLET)).isEqualTo(70);
  }

  @Test
  void aDeferredWriteMaySayWhatItsFailureAtTheCommitIs() throws SQLException {
    takeInv1();
    JdbcUnitOfWork.DeferredWrite plain = row("INV-2", 100);
    JdbcUnitOfWork.DeferredWrite own = new JdbcUnitOfWork.DeferredWrite() {
      @Override
      public String sql() {
        return INSERT;
      }

      @Override
      public int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
        return row("INV-1", 100).bind(c, ps, first);
      }

      @Override
      public java.util.Optional<RuntimeException> failure(SQLException failure, boolean transientFailure) {
        return java.util.Optional.of(new IllegalStateException("the host's row failed, transient " + transientFailure,
            failure));
      }
    };
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(ds, () -> {
      ledger.transfer(award("INV-9", 100));
      JdbcUnitOfWork.deferToCommit(ds, plain); // says nothing: the next one is asked
      JdbcUnitOfWork.deferToCommit(ds, own);
      return null;
    })).isInstanceOf(IllegalStateException.class).hasMessage("the host's row failed, transient true")
        .hasRootCauseInstanceOf(SQLException.class);
    assertThat(rows()).isEqualTo(1);
    assertThat(ledger.balance(WALLET).posted()).isZero();
  }

  @Test
  void sendDeferredWritesThemNowForAReadInsideTheUnit_andTheyStillCommitWithIt() {
    long[] seen = new long[2];
    JdbcUnitOfWork.inTransaction(ds, () -> {
      JdbcUnitOfWork.deferToCommit(ds, row("INV-1", 100));
      Connection c = JdbcUnitOfWork.current(ds).orElseThrow();
      try {
        seen[0] = rows(c);
        JdbcUnitOfWork.sendDeferred(ds);
        seen[1] = rows(c);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return null;
    });
    assertThat(seen).containsExactly(0, 1);
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void aDeferredWriteSentEarlyThatFailsMarksTheUnitFailed_evenIfTheCallerCarriesOn() throws SQLException {
    takeInv1();
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(ds, () -> {
      ledger.transfer(award("INV-9", 100));
      JdbcUnitOfWork.deferToCommit(ds, row("INV-1", 100));
      try {
        JdbcUnitOfWork.sendDeferred(ds);
      } catch (SQLException swallowed) {
        // the caller carries on: the unit must still roll back
      }
      return null;
    })).isInstanceOf(LedgerStoreException.class).hasMessageContaining("rolled back");
    assertThat(rows()).isEqualTo(1);
    assertThat(ledger.balance(WALLET).posted()).isZero();
  }

  @Test
  void withoutAUnitNothingIsDeferred() throws SQLException {
    assertThat(JdbcUnitOfWork.deferToCommit(ds, row("INV-1", 100))).isFalse();
    JdbcUnitOfWork.sendDeferred(ds); // nothing to send
    assertThat(rows()).isZero();
  }
}
