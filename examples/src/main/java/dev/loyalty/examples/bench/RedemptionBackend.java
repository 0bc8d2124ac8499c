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
 * <p>Only {@link #inMemory()} exists today. The PostgreSQL backend arrives with the PostgreSQL
 * stores of the core ports (issue 15): it opens a {@code JdbcLedgerStore} ledger and the JDBC
 * redemption, stock and code-pool stores on one database (an embedded PostgreSQL started once, as
 * {@link JdbcBench} does for the ledger benchmark, emptied between runs), and is added to
 * {@link RedemptionBenchmark#BACKENDS}.
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
