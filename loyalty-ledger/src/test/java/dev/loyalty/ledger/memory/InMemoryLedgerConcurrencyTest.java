package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.spi.LedgerConcurrencyContract;
import dev.loyalty.ledger.spi.LedgerStore;

class InMemoryLedgerConcurrencyTest extends LedgerConcurrencyContract {

  @Override
  protected LedgerStore createStore() {
    return new InMemoryLedgerStore();
  }
}
