package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.LedgerPropertiesContract;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.Tampering;
import java.util.function.UnaryOperator;

class InMemoryLedgerPropertiesTest extends LedgerPropertiesContract {

  @Override
  protected LedgerStore createStore() {
    return new InMemoryLedgerStore();
  }

  @Override
  protected void tamper(LedgerStore store, TransactionId id, UnaryOperator<Transaction> change) {
    ((InMemoryLedgerStore) store).tamperWithTransaction(id, change);
  }

  @Override
  protected void tamper(LedgerStore store, Tampering tampering) {
    InMemoryTampering.apply(store, tampering);
  }
}
