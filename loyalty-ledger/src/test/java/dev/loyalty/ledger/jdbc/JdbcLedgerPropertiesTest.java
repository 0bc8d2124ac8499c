package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.LedgerPropertiesContract;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.Tampering;
import java.util.function.UnaryOperator;
import net.jqwik.api.PropertyDefaults;

/** The model-based properties against PostgreSQL: fewer tries, each one a real database run. */
@PropertyDefaults(tries = 15)
class JdbcLedgerPropertiesTest extends LedgerPropertiesContract {

  @Override
  protected LedgerStore createStore() {
    return PostgresFixture.freshStore();
  }

  @Override
  protected void tamper(LedgerStore store, TransactionId id, UnaryOperator<Transaction> change) {
    ((JdbcLedgerStore) store).tamperWithTransaction(id, change);
  }

  @Override
  protected void tamper(LedgerStore store, Tampering tampering) {
    JdbcTampering.apply(store, tampering);
  }
}
