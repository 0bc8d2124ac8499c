package dev.loyalty.examples.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.jdbc.JdbcPartnerDirectory;
import dev.loyalty.core.jdbc.PostgresStores;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.ledger.Ledger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@link InsightsBenchmark}'s engine keeps its stores: in memory, or every store in an
 * embedded PostgreSQL ({@code LoyaltyEngine.builder(...).postgres(dataSource)}), with the same
 * workload and the same report.
 */
interface InsightsBackend extends AutoCloseable {

  /** The engine's stores in memory. */
  static InsightsBackend inMemory() {
    return new InsightsBackend() {
      @Override
      public String name() {
        return "in-memory";
      }

      @Override
      public LoyaltyEngine engine(Program program, RuleEngine rules, List<Partner> partners, List<Member> members,
          Clock clock) {
        return LoyaltyEngine.builder(program, rules).ledger(Ledger.inMemory(clock))
            .directory(PartnerDirectory.inMemory().enrol(partners, members)).build();
      }

      @Override
      public int loaders() {
        return 2;
      }

      @Override
      public void close() {
        // nothing to release
      }
    };
  }

  /**
   * Every store in an embedded PostgreSQL server this backend starts (its data in a temporary
   * directory) and stops: the ledger, journal, figures, tier history, badges and the partner
   * directory (enrolled in bulk). The server runs without fsync and with asynchronous commits: the
   * benchmark times reading the history, and a durable server would only make loading it slower.
   */
  static InsightsBackend postgres() {
    EmbeddedPostgres server;
    try {
      server = JdbcBench.server(false, Map.of("shared_buffers", "512MB", "work_mem", "64MB"));
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL server did not start", e);
    }
    HikariDataSource pool = JdbcBench.pool(server);
    PostgresStores.on(pool).migrate();
    return new InsightsBackend() {
      @Override
      public String name() {
        try {
          return "PostgreSQL " + JdbcBench.serverVersion(pool);
        } catch (SQLException e) {
          return "PostgreSQL";
        }
      }

      @Override
      public LoyaltyEngine engine(Program program, RuleEngine rules, List<Partner> partners, List<Member> members,
          Clock clock) {
        JdbcPartnerDirectory.using(pool).enrol(partners, members);
        return LoyaltyEngine.builder(program, rules).postgres(pool).clock(clock).build();
      }

      @Override
      public int loaders() {
        return 2;   // an activity is mostly round trips to the server: two threads keep both cores busy
      }

      @Override
      public Optional<HikariDataSource> database() {
        return Optional.of(pool);
      }

      @Override
      public void close() {
        pool.close();
        try {
          server.close();
        } catch (IOException e) {
          throw new UncheckedIOException("the embedded PostgreSQL server did not stop", e);
        }
      }
    };
  }

  /** What the report calls it. */
  String name();

  /** A new engine for {@code program} on this backend's stores, with these partners and members enrolled. */
  LoyaltyEngine engine(Program program, RuleEngine rules, List<Partner> partners, List<Member> members, Clock clock);

  /** How many threads record the history (each partner's activities on one of them, in order). */
  int loaders();

  /** The database the stores are in, for the plain SQL baseline; empty in memory. */
  default Optional<HikariDataSource> database() {
    return Optional.empty();
  }

  @Override
  void close();
}
