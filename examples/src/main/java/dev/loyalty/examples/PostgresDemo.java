package dev.loyalty.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.RecoveryReport;
import dev.loyalty.core.jdbc.JdbcPartnerDirectory;
import dev.loyalty.core.jdbc.PostgresStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The season of {@link EngineDemo} with every store in PostgreSQL (an embedded server this demo
 * starts and stops; nothing to install): the ledger, the journal, figures and tiers, the outbox and
 * the partner directory in one database, each activity one transaction. Halfway through, after
 * July, the application and the server stop and start again, and a new engine (on a new pool) is
 * built on the same database, as after a deployment: it finds the receipts, balances, tiers, budget and listener
 * positions where the first engine left them, and the season goes on.
 *
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.PostgresDemo
 * </pre>
 */
public final class PostgresDemo {
  private final PrintStream out;

  PostgresDemo(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    new PostgresDemo(System.out).run();
  }

  void run() {
    try {
      Path data = Files.createTempDirectory("loyalty-demo-pg");
      EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
      int port = server.getPort();
      // the pool of the running application; the one started after the restart replaces it
      AtomicReference<HikariDataSource> application = new AtomicReference<>(pool(port));
      try {
        HikariDataSource pool = application.get();
        PostgresStores.on(pool).migrate();   // once per deployment (or apply the SQL in the jars by hand)
        EngineDemo.enrol(JdbcPartnerDirectory.using(pool));
        EngineDemo demo = new EngineDemo(out, "PostgreSQL " + version(pool) + ", one transaction per activity",
            (builder, clock) -> builder.postgres(application.get()).clock(clock));
        demo.header();
        demo.firstHalf();
        int delivered = demo.events().size();

        section("The server stops and starts again; the application starts again on the same database");
        out.println("  before: " + demo.holdings());
        demo.stop();   // the application stops as a host should: its listeners' positions written
        application.get().close();
        server.close();
        server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
        application.set(pool(port));
        LoyaltyEngine restarted = demo.start();
        RecoveryReport recovered = restarted.recover();
        out.println("  recover(): " + recovered.finished().size() + " finished, " + recovered.unfinished().size()
            + " unfinished (every activity committed whole, so there is nothing to finish)");
        out.println("  after:  " + demo.holdings());
        out.println("  events delivered before the restart: " + delivered + "; the listener's position is in the "
            + "database (written by deliverEvents() before the stop), so none is delivered again");
        out.println("  " + rows(application.get()));
        demo.secondHalf();
      } finally {
        application.get().close();
        server.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL server failed", e);
    }
  }

  private static HikariDataSource pool(int port) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://localhost:" + port + "/postgres?reWriteBatchedInserts=true&prepareThreshold=1");
    config.setUsername("postgres");
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  private static String version(HikariDataSource pool) {
    return query(pool, "SHOW server_version");
  }

  /** How many rows the engine's tables hold: a look a DBA could take. */
  private static String rows(HikariDataSource pool) {
    return "in the database: " + query(pool, "SELECT count(*) FROM loyalty_journal") + " journal entries, "
        + query(pool, "SELECT count(*) FROM ledger_transaction") + " ledger transactions, "
        + query(pool, "SELECT count(*) FROM loyalty_figures_month") + " month rows of figures, "
        + query(pool, "SELECT count(*) FROM loyalty_outbox") + " events in the outbox";
  }

  private static String query(HikariDataSource pool, String sql) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private void section(String title) {
    out.println();
    out.println(title);
  }
}
