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
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.LedgerStoreException;
import dev.loyalty.ledger.spi.TestClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several units of work in one transaction ({@link JdbcUnitOfWork.Group}): members on different
 * threads commit together with one {@code COMMIT}; a member that throws keeps nothing (its rows,
 * its ledger commands, its draw on a budget) while the others commit; a later member reads the
 * earlier members' budget draws and deferred writes; a connection broken in a member breaks the
 * group, and nothing of it commits.
 */
class JdbcUnitOfWorkGroupTest {
  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId BUDGET = AccountId.of("budget:monsoon");
  private static final AccountId WALLET = AccountId.of("wallet:a");
  private static final JdbcUnitOfWork.DeferredWrite NOTHING = JdbcUnitOfWork.DeferredWrite.of("SELECT 1",
      (c, ps, i) -> i);

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final DataSource ds = PostgresFixture.dataSource();

  @BeforeAll
  static void hostTable() throws SQLException {
    try (Connection c = PostgresFixture.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS host_group_rows (id VARCHAR(40) PRIMARY KEY)");
    }
  }

  private Ledger ledger(long budget) {
    Ledger ledger = Ledger.using(PostgresFixture.freshStore(), clock);
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(BUDGET, AccountType.BUDGET);
    ledger.openAccount(WALLET, AccountType.WALLET);
    if (budget > 0) {
      ledger.transfer(TransferRequest.of(IdempotencyKey.of("fund"), "fund", Entry.debit(ISSUANCE, budget),
          Entry.credit(BUDGET, budget)));
    }
    sql("TRUNCATE host_group_rows");
    return ledger;
  }

  private static TransferRequest award(String key, AccountId from, long points) {
    return TransferRequest.of(IdempotencyKey.of(key), "award", Entry.debit(from, points),
        Entry.credit(WALLET, points, Expiry.never()));
  }

  private void sql(String statement) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A host row written in the member's transaction at once. */
  private void hostRow(String id) {
    try (PreparedStatement ps = JdbcUnitOfWork.current(ds).orElseThrow()
        .prepareStatement("INSERT INTO host_group_rows VALUES (?)")) {
      ps.setString(1, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long hostRows(String where) {
    try (Connection c = JdbcUnitOfWork.current(ds).isPresent() ? null : ds.getConnection()) {
      Connection on = c != null ? c : JdbcUnitOfWork.current(ds).orElseThrow();
      try (Statement s = on.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM host_group_rows WHERE " + where)) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void membersOnSeveralThreadsCommitTogether_aMemberThatThrowsKeepsNothing_andTheOthersCommit() throws Exception {
    Ledger ledger = ledger(0);
    ExecutorService other = Executors.newSingleThreadExecutor();
    JdbcUnitOfWork.Group group = JdbcUnitOfWork.Group.open(ds);
    try {
      group.run(NOTHING, () -> {
        ledger.transfer(award("INV-1", ISSUANCE, 100));
        hostRow("INV-1");
        return null;
      });
      assertThatThrownBy(() -> group.run(NOTHING, () -> {
        ledger.transfer(award("INV-2", ISSUANCE, 50));
        hostRow("INV-2");
        throw new IllegalArgumentException("refused after it wrote");
      })).isInstanceOf(IllegalArgumentException.class).hasMessage("refused after it wrote");
      other.submit(() -> group.run(NOTHING, () -> {   // a member on another thread
        ledger.transfer(award("INV-3", ISSUANCE, 25));
        hostRow("INV-3");
        return null;
      })).get(10, TimeUnit.SECONDS);
      assertThat(group.members()).isEqualTo(2);
      assertThat(ledger.balance(WALLET).posted()).as("nothing committed before the group's commit").isZero();

      group.commit();
    } finally {
      group.close();
      other.shutdownNow();
    }
    assertThat(ledger.balance(WALLET).posted()).isEqualTo(125);
    assertThat(ledger.balance(ISSUANCE).posted()).as("the members' additions, in the commit").isEqualTo(-125);
    assertThat(hostRows("true")).isEqualTo(2);
    assertThat(hostRows("id = 'INV-2'")).isZero();
    assertThat(ledger.trialBalance().isBalanced()).isTrue();
    // the refused member's key was not kept: the same command later goes through
    ledger.transfer(award("INV-2", ISSUANCE, 50));
    assertThat(ledger.balance(WALLET).posted()).isEqualTo(175);
  }

  @Test
  void aLaterMemberReadsTheEarlierMembersBudgetDraws_andNotTheDrawOfAMemberRolledBack() {
    Ledger ledger = ledger(100);
    JdbcUnitOfWork.Group group = JdbcUnitOfWork.Group.open(ds);
    try {
      assertThatThrownBy(() -> group.run(NOTHING, () -> {
        ledger.transfer(award("A", BUDGET, 70));
        throw new IllegalStateException("rolled back");
      })).isInstanceOf(IllegalStateException.class);
      group.run(NOTHING, () -> ledger.transfer(award("B", BUDGET, 60))); // 100 left: the 70 were rolled back
      assertThatThrownBy(() -> group.run(NOTHING, () -> ledger.transfer(award("C", BUDGET, 60))))
          .as("40 left after B's draw, held back to the commit").isInstanceOf(InsufficientBalanceException.class);
      group.run(NOTHING, () -> ledger.transfer(award("D", BUDGET, 40)));
      group.commit();
    } finally {
      group.close();
    }
    assertThat(ledger.balance(BUDGET).posted()).isZero();
    assertThat(ledger.balance(WALLET).posted()).isEqualTo(100);
    assertThat(ledger.trialBalance().isBalanced()).isTrue();
  }

  /**
   * Regression: a later member's reads (the engine reads a budget's balance to plan, and the ledger
   * checks a command's key before it) once wrote the earlier members' held-back changes first,
   * locking the issuance account and budgets from there to the group's commit, before the later
   * members' commands locked their wallets: groups deadlocked with each other (10-19 deadlocks per
   * 480 activities with 8 threads, each a second's wait).
   */
  @Test
  void aLaterMembersReadsSeeTheHeldBackChangesWithoutLockingTheSharedRows() throws Exception {
    Ledger ledger = ledger(100);
    ExecutorService other = Executors.newSingleThreadExecutor();
    JdbcUnitOfWork.Group group = JdbcUnitOfWork.Group.open(ds);
    try {
      group.run(NOTHING, () -> ledger.transfer(award("A", BUDGET, 30)));
      long seen = group.run(NOTHING, () -> {
        ledger.transfer(award("B", ISSUANCE, 5)); // the key's check and the command: reads too
        return ledger.balance(BUDGET).available();
      });
      assertThat(seen).as("the earlier member's draw, held back, is seen").isEqualTo(70);
      assertThat(other.submit(() -> lockableNow(BUDGET) && lockableNow(ISSUANCE)).get(10, TimeUnit.SECONDS))
          .as("the shared rows are not locked before the group's commit").isTrue();
      group.commit();
    } finally {
      group.close();
      other.shutdownNow();
    }
    assertThat(ledger.balance(BUDGET).posted()).isEqualTo(70);
    assertThat(ledger.balance(WALLET).posted()).isEqualTo(35);
  }

  /** Whether another transaction can lock {@code account}'s row at once. */
  private boolean lockableNow(AccountId account) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      try {
        s.execute("SELECT 1 FROM ledger_account WHERE id = '" + account.value() + "' FOR UPDATE NOWAIT");
        return true;
      } catch (SQLException e) {
        if ("55P03".equals(e.getSQLState())) {
          return false;
        }
        throw e;
      } finally {
        c.rollback();
      }
    }
  }

  @Test
  void aMembersDeferredWritesGoWithItsEnd_soTheNextMemberReadsThem() {
    ledger(0);
    JdbcUnitOfWork.Group group = JdbcUnitOfWork.Group.open(ds);
    try {
      group.run(NOTHING, () -> JdbcUnitOfWork.deferToCommit(ds, JdbcUnitOfWork.DeferredWrite.of(
          "INSERT INTO host_group_rows VALUES (?)", (c, ps, i) -> {
            ps.setString(i, "deferred");
            return i + 1;
          })));
      assertThat(group.run(NOTHING, () -> hostRows("id = 'deferred'"))).isEqualTo(1);
      assertThatThrownBy(() -> group.run(NOTHING, () -> {
        JdbcUnitOfWork.commitWith(ds, c -> c.commit());
        return null;
      })).as("a member commits with its group").isInstanceOf(IllegalStateException.class);
      group.commit();
    } finally {
      group.close();
    }
    assertThat(hostRows("true")).isEqualTo(1);
  }

  @Test
  void aConnectionBrokenInAMemberBreaksTheGroup_andNothingOfItCommits() {
    Ledger ledger = ledger(0);
    JdbcUnitOfWork.Group group = JdbcUnitOfWork.Group.open(ds);
    try {
      group.run(NOTHING, () -> ledger.transfer(award("INV-1", ISSUANCE, 100)));
      assertThatThrownBy(() -> group.run(NOTHING, () -> {
        try (Statement s = JdbcUnitOfWork.current(ds).orElseThrow().createStatement()) {
          s.execute("SELECT pg_terminate_backend(pg_backend_pid())");
        } catch (SQLException e) {
          throw new IllegalStateException("the backend is gone", e);
        }
        return null;
      })).isInstanceOf(IllegalStateException.class);
      assertThat(group.broken()).isPresent();
      assertThatThrownBy(() -> group.run(NOTHING, () -> ledger.transfer(award("INV-2", ISSUANCE, 5))))
          .isInstanceOfSatisfying(LedgerStoreException.class, e -> assertThat(e.isTransient()).isTrue());
      assertThatThrownBy(group::commit)
          .isInstanceOfSatisfying(LedgerStoreException.class, e -> assertThat(e.isTransient()).isTrue());
    } finally {
      group.close();
    }
    assertThat(ledger.balance(WALLET).posted()).isZero();
    assertThat(ledger.balance(ISSUANCE).posted()).isZero();
  }
}
