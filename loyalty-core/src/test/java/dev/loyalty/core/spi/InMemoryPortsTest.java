package dev.loyalty.core.spi;

import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.CatalogStore;
import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.spi.InMemoryActivityJournal;
import dev.loyalty.core.spi.InMemoryEventOutbox;
import dev.loyalty.core.spi.InMemoryPerformanceStore;
import dev.loyalty.core.spi.PerformanceStore;
import org.junit.jupiter.api.Nested;

/** The in-memory defaults pass the contracts a host's own stores must pass. */
class InMemoryPortsTest {

  @Nested
  class Performance extends PerformanceStoreContract {
    @Override
    protected PerformanceStore createStore() {
      return new InMemoryPerformanceStore();
    }
  }

  @Nested
  class Journal extends ActivityJournalContract {
    @Override
    protected ActivityJournal createJournal() {
      return new InMemoryActivityJournal();
    }
  }

  @Nested
  class Outbox extends EventOutboxContract {
    @Override
    protected EventOutbox createOutbox() {
      return new InMemoryEventOutbox();
    }
  }

  @Nested
  class Catalogs extends CatalogStoreContract {
    @Override
    protected CatalogStore createStore() {
      return CatalogStore.inMemory();
    }
  }
}
