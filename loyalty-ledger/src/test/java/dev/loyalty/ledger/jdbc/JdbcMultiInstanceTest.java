package dev.loyalty.ledger.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.ledger.spi.LedgerConcurrencyContract;
import dev.loyalty.ledger.spi.LedgerStore;
import org.junit.jupiter.api.AfterAll;

/**
 * Several application instances on one database: odd threads write through a second store over
 * a pool of their own (its own connections, its own sealer), so the locking, retries and chain
 * sealing must hold across instances, not just inside one JVM object.
 */
class JdbcMultiInstanceTest extends LedgerConcurrencyContract {

  private static HikariDataSource secondInstancePool;

  @Override
  protected LedgerStore createStore() {
    return PostgresFixture.freshStore();
  }

  @Override
  protected synchronized LedgerStore storeForThread(LedgerStore shared, int thread) {
    if (thread % 2 == 0) {
      return shared;
    }
    if (secondInstancePool == null) {
      secondInstancePool = PostgresFixture.newPool(4);
    }
    return JdbcLedgerStore.using(secondInstancePool);
  }

  @Override
  protected int commandsPerThread() {
    return 300;
  }

  @AfterAll
  static void closePool() {
    if (secondInstancePool != null) {
      secondInstancePool.close();
    }
  }
}
