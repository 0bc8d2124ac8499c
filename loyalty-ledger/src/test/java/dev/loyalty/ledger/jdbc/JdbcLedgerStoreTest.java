package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.Tampering;
import dev.loyalty.ledger.spi.LedgerStoreContract;
import java.util.function.UnaryOperator;

class JdbcLedgerStoreTest extends LedgerStoreContract {

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
