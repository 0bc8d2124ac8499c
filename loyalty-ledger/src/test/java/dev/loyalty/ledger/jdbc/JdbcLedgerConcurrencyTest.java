package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.spi.LedgerConcurrencyContract;
import dev.loyalty.ledger.spi.LedgerStore;

class JdbcLedgerConcurrencyTest extends LedgerConcurrencyContract {

  @Override
  protected LedgerStore createStore() {
    return PostgresFixture.freshStore();
  }

  @Override
  protected int commandsPerThread() {
    return 300;
  }
}
