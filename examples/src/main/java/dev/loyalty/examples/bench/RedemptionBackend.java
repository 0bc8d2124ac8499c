package dev.loyalty.examples.bench;

import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rewards.CatalogVersions;
import dev.loyalty.core.rewards.FulfilmentPort;
import dev.loyalty.core.rewards.RewardsSetup;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.Ledger;
import java.time.Clock;

/**
 * Where a benchmarked engine keeps its state: the ledger and the rewards stores. Each backend gets
 * its own rows in {@link RedemptionBenchmark}'s report, every run on a fresh, empty state.
 *
 * <p>Two backends: {@link #inMemory()} and {@link #postgres()} (every store in one PostgreSQL
 * database, each change of a redemption one transaction).
 */
interface RedemptionBackend extends AutoCloseable {

  /** The backend's name in the report. */
  String name();

  /** A fresh engine with rewards: empty ledger and stores, {@code catalogs} as the catalog. */
  LoyaltyEngine engine(Program program, InMemoryPartnerDirectory directory, Clock clock, CatalogVersions catalogs,
      FulfilmentPort fulfilment);

  /** Releases what the backend started (a database); nothing for memory. */
  @Override
  default void close() {
  }

  /**
   * Every store in PostgreSQL ({@code postgres(dataSource)}): an embedded server with its data on
   * this disk, fsync on, started on first use and stopped when the backend is closed; the database
   * emptied for each engine.
   */
  static RedemptionBackend postgres() {
    return PostgresRedemptionBackend.embedded();
  }

  /** Everything in the JVM: the in-memory ledger and the in-memory rewards stores. */
  static RedemptionBackend inMemory() {
    return new RedemptionBackend() {
      @Override
      public String name() {
        return "in memory";
      }

      @Override
      public LoyaltyEngine engine(Program program, InMemoryPartnerDirectory directory, Clock clock,
          CatalogVersions catalogs, FulfilmentPort fulfilment) {
        return LoyaltyEngine.builder(program, new SampleRules()).ledger(Ledger.inMemory(clock)).directory(directory)
            .rewards(RewardsSetup.builder(catalogs).fulfilment(fulfilment).build())
            .listener("bench", event -> { })
            .build();
      }
    };
  }
}
