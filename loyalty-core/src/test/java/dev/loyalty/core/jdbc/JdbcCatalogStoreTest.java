package dev.loyalty.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.rewards.Catalog;
import dev.loyalty.core.rewards.CatalogVersion;
import dev.loyalty.core.spi.CatalogStoreContract;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What the PostgreSQL catalog store keeps parsed between reads (a version it read, since a stored
 * version's content never changes) is only what committed: a version read inside a caller's
 * transaction that then rolls back, and published again with other terms, is read again.
 */
class JdbcCatalogStoreTest {

  @Test
  void aVersionReadInATransactionThatRolledBackIsNotKept() {
    DataSource ds = EngineDatabase.fresh();
    JdbcCatalogStore store = JdbcCatalogStore.using(ds, CatalogStoreContract.PROGRAM);
    store.publish(CatalogStoreContract.catalog("v1", 100));
    assertThat(store.current().orElseThrow().version()).isEqualTo(CatalogVersion.of("v1"));
    Catalog first = CatalogStoreContract.catalog("v2", 200);

    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(ds, () -> {
      store.publish(first);
      assertThat(store.current()).contains(first);
      throw new IllegalStateException("the caller gives up");
    })).hasMessage("the caller gives up");

    Catalog second = CatalogStoreContract.catalog("v2", 300);
    store.publish(second);
    assertThat(store.current()).contains(second);
    assertThat(store.find(CatalogVersion.of("v2"))).contains(second);
    // a store object of another instance reads the same
    assertThat(JdbcCatalogStore.using(ds, CatalogStoreContract.PROGRAM).current()).contains(second);
  }
}
