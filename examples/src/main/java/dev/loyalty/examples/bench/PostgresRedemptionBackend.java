package dev.loyalty.examples.bench;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.jdbc.PostgresStores;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rewards.CatalogVersions;
import dev.loyalty.core.rewards.FulfilmentPort;
import dev.loyalty.core.rewards.RewardsSetup;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.testing.SampleRules;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@link RedemptionBenchmark}'s PostgreSQL backend: an engine built with {@code
 * postgres(dataSource)}, so the ledger ({@code JdbcLedgerStore}), the outbox, the badges, the
 * redemption, stock and code-pool stores and the catalog's versions are all in one database, and
 * each change of a redemption is one transaction. Every engine gets the database emptied first.
 * The benchmark's database is an embedded server started on first use, with its data on this
 * machine's disk and fsync on (durable, as {@link JdbcBench}'s), and a pool of 16 (8 threads plus
 * reads and deliveries); a test gives a database of its own.
 */
final class PostgresRedemptionBackend implements RedemptionBackend {
  private final Supplier<DataSource> emptyDatabase;
  private final Runnable stop;

  private PostgresRedemptionBackend(Supplier<DataSource> emptyDatabase, Runnable stop) {
    this.emptyDatabase = requireNonNull(emptyDatabase, "emptyDatabase");
    this.stop = requireNonNull(stop, "stop");
  }

  /** Engines on the migrated database {@code emptyDatabase} returns, emptied by it at each call. */
  static RedemptionBackend on(Supplier<DataSource> emptyDatabase) {
    return new PostgresRedemptionBackend(emptyDatabase, () -> { });
  }

  /** Engines on an embedded server of its own, started on first use and stopped by {@link #close()}. */
  static RedemptionBackend embedded() {
    Server server = new Server();
    return new PostgresRedemptionBackend(server::emptied, server::stop);
  }

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public LoyaltyEngine engine(Program program, InMemoryPartnerDirectory directory, Clock clock,
      CatalogVersions catalogs, FulfilmentPort fulfilment) {
    DataSource ds = emptyDatabase.get();
    // the catalog's versions in the database too: nothing of the rewards side in memory
    CatalogVersions stored = CatalogVersions.using(PostgresStores.on(ds).catalogs(program), catalogs.current());
    return LoyaltyEngine.builder(program, new SampleRules()).postgres(ds).directory(directory).clock(clock)
        .rewards(RewardsSetup.builder(stored).fulfilment(fulfilment).build())
        .listener("bench", event -> { })
        .build();
  }

  @Override
  public void close() {
    stop.run();
  }

  /** The embedded server and its pool, started on first use. */
  private static final class Server {
    private EmbeddedPostgres pg;
    private HikariDataSource pool;

    synchronized DataSource emptied() {
      try {
        if (pg == null) {
          pg = JdbcBench.server(true, Map.of());
          pool = JdbcBench.pool(pg);
          PostgresStores.on(pool).migrate();
        }
        PostgresEngineBenchmark.empty(pool);
        return pool;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the benchmark's PostgreSQL server", e);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot empty the benchmark's database", e);
      }
    }

    synchronized void stop() {
      if (pg == null) {
        return;
      }
      pool.close();
      try {
        pg.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stop the benchmark's PostgreSQL server", e);
      } finally {
        pg = null;
        pool = null;
      }
    }
  }
}
