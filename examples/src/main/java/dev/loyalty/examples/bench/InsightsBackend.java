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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where {@link InsightsBenchmark}'s engine keeps its stores: in memory, or every store in an
 * embedded PostgreSQL ({@code LoyaltyEngine.builder(...).postgres(dataSource)}), with the same
 * workload and the same report.
 */
interface InsightsBackend extends AutoCloseable {

  /** The engine's stores in memory, the history recorded on two threads. */
  static InsightsBackend inMemory() {
    return inMemory(OptionalInt.empty());
  }

  /** The engine's stores in memory, the history recorded on {@code loaders} threads (two if empty). */
  static InsightsBackend inMemory(OptionalInt loaders) {
    int threads = loaders.orElse(2);   // the in-memory engine is CPU-bound: one thread a core
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
        return threads;
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
    return postgres(Optional.empty(), OptionalInt.empty());
  }

  /**
   * {@link #postgres()}, with the server's data kept in {@code dataDirectory} when given (created if
   * missing): a run there remembers the history it loaded, and a later run of the same size finds it
   * and does not load it again ({@link #kept}). The history is recorded on {@code loaders} threads
   * (eight if empty).
   */
  static InsightsBackend postgres(Optional<Path> dataDirectory, OptionalInt loaders) {
    // An activity is mostly round trips to the server and waits for the ledger's issuance and budget
    // rows, which every award locks: two threads left the cores idle (151 activities/s, 25 to 70
    // minutes for the full year); eight keep the server busy.
    int threads = loaders.orElse(8);
    EmbeddedPostgres server;
    try {
      Map<String, String> settings = Map.of("shared_buffers", "512MB", "work_mem", "64MB");
      server = dataDirectory.isPresent() ? JdbcBench.server(false, settings, dataDirectory.get())
          : JdbcBench.server(false, settings);
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL server did not start", e);
    }
    HikariDataSource pool = JdbcBench.pool(server);
    PostgresStores.on(pool).migrate();
    execute(pool, "CREATE TABLE IF NOT EXISTS insights_benchmark_history (partners INTEGER NOT NULL, months INTEGER "
        + "NOT NULL, load_ms BIGINT NOT NULL, redemptions BIGINT NOT NULL)");
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
        JdbcPartnerDirectory directory = JdbcPartnerDirectory.using(pool);
        if (directory.partners().isEmpty()) {
          directory.enrol(partners, members);
        }
        return LoyaltyEngine.builder(program, rules).postgres(pool).clock(clock).build();
      }

      @Override
      public int loaders() {
        return threads;
      }

      @Override
      public Optional<Kept> kept(int partners, int months) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT load_ms, "
            + "redemptions FROM insights_benchmark_history WHERE partners = ? AND months = ?")) {
          ps.setInt(1, partners);
          ps.setInt(2, months);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Kept(Duration.ofMillis(rs.getLong(1)), rs.getLong(2))) : Optional.empty();
          }
        } catch (SQLException e) {
          throw new IllegalStateException("cannot read the kept history: " + e.getMessage(), e);
        }
      }

      @Override
      public void keep(int partners, int months, Kept history) {
        execute(pool, "INSERT INTO insights_benchmark_history VALUES (" + partners + ", " + months + ", "
            + history.load().toMillis() + ", " + history.redemptions() + ")");
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

  private static void execute(HikariDataSource pool, String sql) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /**
   * A history a database already holds.
   *
   * @param load        how long loading it took
   * @param redemptions how many redemptions it has
   */
  record Kept(Duration load, long redemptions) {
  }

  /** What the report calls it. */
  String name();

  /** A new engine for {@code program} on this backend's stores, with these partners and members enrolled. */
  LoyaltyEngine engine(Program program, RuleEngine rules, List<Partner> partners, List<Member> members, Clock clock);

  /** How many threads record the history (each partner's activities on one of them, in order). */
  int loaders();

  /**
   * The history of {@code partners} partners over {@code months} months this backend's stores hold
   * already; empty when they hold none (in memory, or a new database).
   */
  default Optional<Kept> kept(int partners, int months) {
    return Optional.empty();
  }

  /** Remembers that the stores now hold that history; nothing where nothing is kept. */
  default void keep(int partners, int months, Kept history) {
  }

  /** The database the stores are in, for the plain SQL baseline; empty in memory. */
  default Optional<HikariDataSource> database() {
    return Optional.empty();
  }

  @Override
  void close();
}
