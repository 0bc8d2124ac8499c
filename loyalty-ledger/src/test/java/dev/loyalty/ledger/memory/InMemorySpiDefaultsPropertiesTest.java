package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.ForwardingStore;
import dev.loyalty.ledger.spi.LedgerPropertiesContract;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.Tampering;
import java.util.function.UnaryOperator;
import net.jqwik.api.PropertyDefaults;

/** The model-based properties on a store that leaves {@code mostPostedAfter} to the SPI's defaults. */
@PropertyDefaults(tries = 50)
class InMemorySpiDefaultsPropertiesTest extends LedgerPropertiesContract {

  @Override
  protected LedgerStore createStore() {
    return ForwardingStore.withSpiDefaults(new InMemoryLedgerStore());
  }

  @Override
  protected void tamper(LedgerStore store, TransactionId id, UnaryOperator<Transaction> change) {
    InMemoryTampering.apply(store, new Tampering.EditTransaction(id, change));
  }

  @Override
  protected void tamper(LedgerStore store, Tampering tampering) {
    InMemoryTampering.apply(store, tampering);
  }
}
