package dev.loyalty.core.spi;

import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.claims.InvoiceRecord;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;

/** The in-memory defaults pass the contracts a host's own stores must pass. */
class InMemoryPortsTest {

  @Nested
  class Performance extends PerformanceStoreContract {
    @Override
    protected PerformanceStore createStore() {
      return PerformanceStore.inMemory();
    }
  }

  @Nested
  class Journal extends ActivityJournalContract {
    @Override
    protected ActivityJournal createJournal() {
      return ActivityJournal.inMemory();
    }
  }

  @Nested
  class Outbox extends EventOutboxContract {
    @Override
    protected EventOutbox createOutbox() {
      return EventOutbox.inMemory();
    }
  }

  @Nested
  class Directory extends PartnerDirectoryContract {
    @Override
    protected PartnerRegistry createRegistry() {
      return PartnerDirectory.inMemory();
    }
  }

  @Nested
  class Tiers extends TierHistoryContract {
    @Override
    protected TierHistory createHistory() {
      return TierHistory.inMemory();
    }
  }

  @Nested
  class Badges extends BadgeStoreContract {
    @Override
    protected BadgeStore createStore() {
      return BadgeStore.inMemory();
    }
  }

  @Nested
  class Audit extends AuditStoreContract {
    @Override
    protected AuditStore createStore() {
      return AuditStore.inMemory();
    }

    @Override
    protected void tamper(AuditStore store, long position, UnaryOperator<AuditEntry> change) {
      ((InMemoryAuditStore) store).tamperWith(position, change);
    }
  }

  @Nested
  class ApprovalRequests extends ApprovalStoreContract {
    @Override
    protected ApprovalStore createStore() {
      return ApprovalStore.inMemory();
    }
  }

  @Nested
  class Redemptions extends RedemptionStoreContract {
    @Override
    protected RedemptionStore createStore() {
      return RedemptionStore.inMemory();
    }
  }

  @Nested
  class Claims extends ClaimStoreContract {
    @Override
    protected ClaimStore createStore() {
      return ClaimStore.inMemory();
    }
  }

  @Nested
  class Stock extends StockStoreContract {
    @Override
    protected StockStore createStore() {
      return StockStore.inMemory();
    }
  }

  @Nested
  class Invoices extends InvoiceRegistryContract {
    @Override
    protected InvoiceRegistry createRegistry() {
      return InvoiceRegistry.inMemory();
    }

    @Override
    protected InvoiceRegistry registryWith(List<InvoiceRecord> records) {
      InMemoryInvoiceRegistry registry = InvoiceRegistry.inMemory();
      records.forEach(registry::put);
      return registry;
    }
  }

  @Nested
  class CodePools extends CodePoolStoreContract {
    @Override
    protected CodePoolStore createStore() {
      return CodePoolStore.inMemory();
    }
  }

  @Nested
  class Identities extends IdentityStoreContract {
    @Override
    protected IdentityStore createStore() {
      return IdentityStore.inMemory();
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
