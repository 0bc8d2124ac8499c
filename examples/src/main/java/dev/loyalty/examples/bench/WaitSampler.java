package dev.loyalty.examples.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * What the database's client backends are doing while a run goes on: {@code pg_stat_activity}
 * sampled every few milliseconds on a connection of its own, each backend counted under its wait
 * event, its state and the start of its statement. Where most samples sit is where the time goes
 * (a row lock every activity queues for shows as {@code Lock/tuple} and {@code Lock/transactionid}
 * on the statement that takes it; a client that is slow to send the next statement as {@code
 * Client/ClientRead} in a transaction). Sampling costs the run a little CPU; the benchmark samples
 * one run only. Not thread-safe: one run at a time.
 */
final class WaitSampler implements AutoCloseable {
  private static final String SAMPLE_SQL = "SELECT coalesce(wait_event_type, '-') || '/' || coalesce(wait_event, '-') "
      + "|| ' ' || coalesce(state, '-') || ': ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 60) "
      + "FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()";

  private final Map<String, Integer> counts = new ConcurrentHashMap<>();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread thread;
  private volatile SQLException failure;
  private int samples;

  /** Starts sampling the backends of {@code dataSource}'s database. */
  WaitSampler(DataSource dataSource) {
    thread = new Thread(() -> sample(dataSource), "wait-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void sample(DataSource dataSource) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      while (!stopped.get()) {
        try (ResultSet rs = s.executeQuery(SAMPLE_SQL)) {
          while (rs.next()) {
            counts.merge(rs.getString(1), 1, Integer::sum);
          }
        }
        samples++;
        Thread.sleep(5);
      }
    } catch (SQLException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops sampling. */
  @Override
  public void close() throws SQLException {
    stopped.set(true);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The {@code limit} most frequent (wait, state, statement) of the backends, with their share of all backend samples. */
  List<String> top(int limit) {
    long all = counts.values().stream().mapToLong(Integer::longValue).sum();
    List<String> out = new ArrayList<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
        .forEach(e -> out.add(String.format(Locale.ROOT, "%5.1f%%  %s", 100.0 * e.getValue() / all, e.getKey())));
    out.add(String.format(Locale.ROOT, "(%,d samples of %,d backend states)", samples, all));
    return out;
  }
}
