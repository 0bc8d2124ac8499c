package dev.loyalty.ledger.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * A data source whose connections record what they send to PostgreSQL, in order: each statement
 * text executed (one round trip, however many statements it holds) and {@code "COMMIT"} for each
 * {@code commit()} the driver sends (only when a transaction is open: a statement text may have
 * ended it with its own {@code COMMIT}). For tests that count round trips. Public for core's tests.
 * Thread-safe.
 */
public final class SentStatements {
  private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
  private final DataSource dataSource;

  /** Records what connections of {@code target} send. */
  public SentStatements(DataSource target) {
    this.dataSource = (DataSource) Proxy.newProxyInstance(SentStatements.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Object result = invoke(method, target, args);
          return method.getName().equals("getConnection") ? connection((Connection) result) : result;
        });
  }

  /** The recording data source. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** What was sent since the last {@link #clear()}, in order. */
  public List<String> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** Forgets what was sent so far. */
  public void clear() {
    sent.clear();
  }

  private Connection connection(Connection c) {
    return (Connection) Proxy.newProxyInstance(SentStatements.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("commit") && open(c)) {
            sent.add("COMMIT");
          }
          Object result = invoke(method, c, args);
          String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : "";
          return result instanceof Statement s ? statement(s, method.getReturnType(), sql) : result;
        });
  }

  private static boolean open(Connection c) throws SQLException {
    return c.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
  }

  private Object statement(Statement s, Class<?> type, String prepared) {
    return Proxy.newProxyInstance(SentStatements.class.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute")) {
            sent.add((args != null && args.length > 0 && args[0] instanceof String q ? q : prepared).strip());
          }
          return invoke(method, s, args);
        });
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
