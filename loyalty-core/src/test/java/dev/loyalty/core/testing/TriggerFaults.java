package dev.loyalty.core.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A PostgreSQL store failing at one step: a trigger on the step's table that, on its first call
 * only, raises an error (the statement fails and the transaction is aborted) or kills its own
 * backend (the connection is lost mid-transaction, as when the server restarts). What runs after
 * it (the engine's retry, the caller doing it again) goes through. One fault at a time per
 * database.
 */
public final class TriggerFaults {

  /** What the trigger does on its first call. */
  public enum Kind {
    /** Raises an exception naming the table: the statement fails. */
    RAISE,
    /** Terminates its own backend: the connection breaks. */
    KILL
  }

  /**
   * A step of an operation, as the table (and the change) it writes.
   *
   * @param name    for messages ("the ledger's write")
   * @param trigger when the trigger fires: {@code "BEFORE INSERT ON ledger_transaction"}
   */
  public record Step(String name, String trigger) {
    /** The table the trigger is on. */
    String table() {
      return trigger.substring(trigger.lastIndexOf(' ') + 1);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private TriggerFaults() {
  }

  /** Puts a trigger on {@code step}'s table of {@code ds} that does {@code kind} on its first call. */
  public static void arm(DataSource ds, Step step, Kind kind) {
    sql(ds, "CREATE SEQUENCE IF NOT EXISTS test_fault_calls");
    sql(ds, "ALTER SEQUENCE test_fault_calls RESTART WITH 1");
    sql(ds, """
        CREATE OR REPLACE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('test_fault_calls') = 1 THEN
            IF TG_ARGV[0] = 'kill' THEN
              PERFORM pg_terminate_backend(pg_backend_pid());
              PERFORM pg_sleep(5);
            END IF;
            RAISE EXCEPTION 'test fault: % % on %', TG_WHEN, TG_OP, TG_TABLE_NAME;
          END IF;
          RETURN NEW;
        END $$""");
    sql(ds, "CREATE TRIGGER test_fault " + step.trigger() + " FOR EACH ROW EXECUTE FUNCTION test_fault('"
        + (kind == Kind.KILL ? "kill" : "raise") + "')");
  }

  /**
   * Makes each insert into {@code table} of {@code ds} for which {@code condition} (an SQL
   * expression on {@code NEW}) holds take {@code seconds} longer, until the returned handle is
   * closed: a slow write, to widen the window of a race.
   */
  public static AutoCloseable slowInserts(DataSource ds, String table, String condition, double seconds) {
    sql(ds, "CREATE OR REPLACE FUNCTION test_slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF " + condition
        + " THEN PERFORM pg_sleep(" + seconds + "); END IF; RETURN NEW; END $$");
    sql(ds, "CREATE TRIGGER test_slow BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION test_slow()");
    return () -> sql(ds, "DROP TRIGGER test_slow ON " + table);
  }

  /** Takes the trigger of {@code step} off again. */
  public static void disarm(DataSource ds, Step step) {
    sql(ds, "DROP TRIGGER IF EXISTS test_fault ON " + step.table());
  }

  /** How many times the armed trigger was called (0 if never: the step was not reached). */
  public static long calls(DataSource ds) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM test_fault_calls")) {
      rs.next();
      return rs.getBoolean(2) ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code statement} on a connection of its own. */
  public static void sql(DataSource ds, String statement) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement, e);
    }
  }
}
