package dev.loyalty.core.spi;

import dev.loyalty.core.ActivityJournal;
import dev.loyalty.core.InMemoryActivityJournal;
import dev.loyalty.core.event.EventOutbox;
import dev.loyalty.core.event.InMemoryEventOutbox;
import dev.loyalty.core.performance.InMemoryPerformanceStore;
import dev.loyalty.core.performance.PerformanceStore;
import dev.loyalty.core.rewards.CatalogStore;
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
