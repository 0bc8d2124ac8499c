package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A unit's {@linkplain JdbcUnitOfWork#prelude prelude} (a lock, say) goes before any other of its
 * statements: sent by the first {@link JdbcUnitOfWork#current} call, or by a caller that takes it,
 * in its own statement's round trip, or, in a unit that sends nothing else, first among the writes
 * deferred to the commit. A second one sends the first; a prelude's failure fails the unit.
 */
class JdbcUnitOfWorkPreludeTest {
  private static final String PRELUDE = "INSERT INTO prelude_trace (what) VALUES ('prelude')";

  private final SentStatements trace = new SentStatements(PostgresFixture.dataSource());
  private final DataSource ds = trace.dataSource();

  @BeforeAll
  static void table() throws SQLException {
    try (Connection c = PostgresFixture.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS prelude_trace (n BIGSERIAL PRIMARY KEY, what VARCHAR(40) NOT NULL)");
    }
  }

  private static JdbcUnitOfWork.DeferredWrite write(String sql) {
    return JdbcUnitOfWork.DeferredWrite.of(sql, (c, ps, first) -> first);
  }

  private static List<String> traced() {
    try (Connection c = PostgresFixture.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT what FROM prelude_trace ORDER BY n")) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      s.execute("TRUNCATE prelude_trace");
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void insert(String what) throws SQLException {
    try (PreparedStatement ps = JdbcUnitOfWork.current(ds).orElseThrow()
        .prepareStatement("INSERT INTO prelude_trace (what) VALUES (?)")) {
      ps.setString(1, what);
      ps.execute();
    }
  }

  @Test
  void theFirstCurrentCallSendsThePreludeInARoundTripOfItsOwn() {
    traced();
    JdbcUnitOfWork.inTransaction(ds, () -> {
      JdbcUnitOfWork.prelude(ds, write(PRELUDE));
      try {
        insert("first");
        insert("second");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return null;
    });
    assertThat(traced()).containsExactly("prelude", "first", "second");
    assertThat(trace.sent()).filteredOn(s -> s.contains("prelude_trace")).first().isEqualTo(PRELUDE);
  }

  @Test
  void aCallerThatTakesThePreludeSendsItWithItsOwnStatement_andNoOneElseSendsItAgain() {
    traced();
    trace.clear();
    JdbcUnitOfWork.inTransaction(ds, () -> {
      JdbcUnitOfWork.prelude(ds, write(PRELUDE));
      Optional<JdbcUnitOfWork.DeferredWrite> taken = JdbcUnitOfWork.takePrelude(ds);
      assertThat(taken).isPresent();
      assertThat(JdbcUnitOfWork.takePrelude(ds)).as("taken once").isEmpty();
      Connection c = JdbcUnitOfWork.current(ds).orElseThrow();
      try (PreparedStatement ps = c.prepareStatement(taken.get().sql() + "; INSERT INTO prelude_trace (what) "
          + "VALUES ('mine')")) {
        ps.execute();
        insert("after");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return null;
    });
    assertThat(traced()).containsExactly("prelude", "mine", "after");
    assertThat(trace.sent()).filteredOn(s -> s.contains("prelude_trace")).hasSize(2);
  }

  @Test
  void aUnitThatSendsNothingElseSendsThePreludeFirstWithItsDeferredWrites() {
    traced();
    trace.clear();
    JdbcUnitOfWork.inTransaction(ds, () -> {
      JdbcUnitOfWork.prelude(ds, write(PRELUDE));
      JdbcUnitOfWork.deferToCommit(ds, write("INSERT INTO prelude_trace (what) VALUES ('deferred')"));
      return null;
    });
    assertThat(traced()).containsExactly("prelude", "deferred");
    assertThat(trace.sent()).filteredOn(s -> s.contains("prelude_trace")).singleElement().asString()
        .startsWith(PRELUDE).endsWith("COMMIT");
  }

  @Test
  void aSecondPreludeSendsTheFirstAtOnce_andOnlyInsideAUnit() {
    assertThatThrownBy(() -> JdbcUnitOfWork.prelude(ds, write(PRELUDE))).isInstanceOf(IllegalStateException.class);
    traced();
    JdbcUnitOfWork.inTransaction(ds, () -> {
      JdbcUnitOfWork.prelude(ds, write(PRELUDE));
      JdbcUnitOfWork.prelude(ds, write("INSERT INTO prelude_trace (what) VALUES ('second')"));
      try {
        insert("work");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return null;
    });
    assertThat(traced()).containsExactly("prelude", "second", "work");
  }

  @Test
  void aFailingPreludeFailsTheUnit_withItsOwnFailure() {
    traced();
    IllegalArgumentException own = new IllegalArgumentException("the lock failed");
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(ds, () -> {
      JdbcUnitOfWork.prelude(ds, new JdbcUnitOfWork.DeferredWrite() {
        @Override
        public String sql() {
          return "SELECT 1 / 0";
        }

        @Override
        public int bind(Connection connection, PreparedStatement statement, int first) {
          return first;
        }

        @Override
        public Optional<RuntimeException> failure(SQLException failure, boolean transientFailure) {
          return Optional.of(own);
        }
      });
      try {
        insert("never");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return null;
    })).isSameAs(own);
    assertThat(traced()).isEmpty();
  }
}
