package dev.loyalty.core.jdbc;

import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.jdbc.internal.AccessJson;
import dev.loyalty.core.jdbc.internal.Nanos;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.ActivityJournalContract;
import dev.loyalty.core.spi.ApprovalStore;
import dev.loyalty.core.spi.ApprovalStoreContract;
import dev.loyalty.core.spi.AuditStore;
import dev.loyalty.core.spi.AuditStoreContract;
import dev.loyalty.core.spi.BadgeStore;
import dev.loyalty.core.spi.BadgeStoreContract;
import dev.loyalty.core.spi.CatalogStore;
import dev.loyalty.core.spi.CatalogStoreContract;
import dev.loyalty.core.spi.ClaimStore;
import dev.loyalty.core.spi.ClaimStoreContract;
import dev.loyalty.core.spi.CodePoolStore;
import dev.loyalty.core.spi.CodePoolStoreContract;
import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.spi.EventOutboxContract;
import dev.loyalty.core.spi.IdentityStore;
import dev.loyalty.core.spi.IdentityStoreContract;
import dev.loyalty.core.spi.InvoiceRegistry;
import dev.loyalty.core.spi.InvoiceRegistryContract;
import dev.loyalty.core.spi.PartnerDirectoryContract;
import dev.loyalty.core.spi.PartnerRegistry;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.spi.PerformanceStoreContract;
import dev.loyalty.core.spi.RedemptionStore;
import dev.loyalty.core.spi.RedemptionStoreContract;
import dev.loyalty.core.spi.StockStore;
import dev.loyalty.core.spi.StockStoreContract;
import dev.loyalty.core.spi.TierHistory;
import dev.loyalty.core.spi.TierHistoryContract;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.PointTotals;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.testing.EngineDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;

/** The PostgreSQL stores pass the contracts the in-memory ones pass, on one embedded server. */
class JdbcPortsTest {

  @Nested
  class Performance extends PerformanceStoreContract {
    @Override
    protected PerformanceStore createStore() {
      return JdbcPerformanceStore.using(EngineDatabase.fresh());
    }

    /**
     * The store writes a contribution's mark and totals before it sees the overflow (one statement),
     * so inside a caller's unit the whole unit must roll back even if the caller catches the
     * overflow and goes on.
     */
    @org.junit.jupiter.api.Test
    void anOverflowInsideAUnitOfWorkRollsTheUnitBack_evenIfTheCallerCatchesIt() {
      javax.sql.DataSource ds = EngineDatabase.fresh();
      PerformanceStore store = JdbcPerformanceStore.using(ds);
      ParticipantId dealer = PartnerId.of("dealer-a");
      Currency inr = Currency.getInstance("INR");
      List<EarningPeriod> periods = EarningPeriod.of(java.time.Instant.parse("2026-07-02T06:00:00Z"),
          java.time.ZoneId.of("Asia/Kolkata"), java.time.MonthDay.of(3, 31));
      store.applyPoints(dealer, inr, new PointsContribution(ActivityId.of("INV-1"), PointsContribution.Step.RECORDED,
          periods, new PointTotals(Map.of("earn-rate", Long.MAX_VALUE), Map.of())));
      PointsContribution tooMuch = new PointsContribution(ActivityId.of("INV-2"), PointsContribution.Step.RECORDED,
          periods, new PointTotals(Map.of("earn-rate", 1L), Map.of()));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.loyalty.ledger.jdbc.JdbcUnitOfWork.inTransaction(ds,
          () -> {
            try {
              store.applyPoints(dealer, inr, tooMuch);
            } catch (ArithmeticException caught) {
              // a careless caller goes on
            }
            return null;
          })).isInstanceOf(RuntimeException.class);
      org.assertj.core.api.Assertions.assertThat(store.history(dealer, inr).earned().in(periods.get(0)).rule("earn-rate"))
          .isEqualTo(Long.MAX_VALUE);
      // not marked as applied: once it fits, the same step applies
      store.applyPoints(dealer, inr, new PointsContribution(ActivityId.of("INV-3"), PointsContribution.Step.RECORDED,
          periods, new PointTotals(Map.of("earn-rate", -10L), Map.of())));
      org.assertj.core.api.Assertions.assertThat(store.applyPoints(dealer, inr, tooMuch)).isTrue();
    }
  }

  @Nested
  class Journal extends ActivityJournalContract {
    @Override
    protected ActivityJournal createJournal() {
      return JdbcActivityJournal.using(EngineDatabase.fresh());
    }
  }

  @Nested
  class Outbox extends EventOutboxContract {
    @Override
    protected EventOutbox createOutbox() {
      return JdbcEventOutbox.using(EngineDatabase.fresh());
    }
  }

  @Nested
  class Catalogs extends CatalogStoreContract {
    @Override
    protected CatalogStore createStore() {
      return JdbcCatalogStore.using(EngineDatabase.fresh(), CatalogStoreContract.PROGRAM);
    }
  }

  @Nested
  class Tiers extends TierHistoryContract {
    @Override
    protected TierHistory createHistory() {
      return JdbcTierHistory.using(EngineDatabase.fresh());
    }
  }

  @Nested
  class Badges extends BadgeStoreContract {
    @Override
    protected BadgeStore createStore() {
      return JdbcBadgeStore.using(EngineDatabase.fresh());
    }
  }

  @Nested
  class Claims extends ClaimStoreContract {
    @Override
    protected ClaimStore createStore() {
      return JdbcClaimStore.using(EngineDatabase.fresh());
    }
  }

  @Nested
  class Invoices extends InvoiceRegistryContract {
    @Override
    protected InvoiceRegistry createRegistry() {
      return JdbcInvoiceRegistry.using(EngineDatabase.fresh());
    }

    @Override
    protected InvoiceRegistry registryWith(List<InvoiceRecord> records) {
      return JdbcInvoiceRegistry.using(EngineDatabase.fresh()).put(records);
    }
  }

  @Nested
  class Identities extends IdentityStoreContract {
    @Override
    protected IdentityStore createStore() {
      return JdbcIdentityStore.using(EngineDatabase.fresh());
    }
  }

  @Nested
  class Audit extends AuditStoreContract {
    @Override
    protected AuditStore createStore() {
      return JdbcAuditStore.using(EngineDatabase.fresh());
    }

    /** Changes the stored row itself, as someone with the database's password could. */
    @Override
    protected void tamper(AuditStore store, long position, UnaryOperator<AuditEntry> change) {
      AuditEntry stored = store.after(position - 1, 1).get(0);
      AuditEntry changed = change.apply(stored);
      try (Connection c = EngineDatabase.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
          "UPDATE loyalty_audit SET claimed = ?, at_ns = ?, actor = ?, record = ?::jsonb, hash = ? "
              + "WHERE position = ?")) {
        ps.setLong(1, changed.position());
        ps.setBigDecimal(2, Nanos.of(changed.at()));
        ps.setString(3, changed.record().actor().value());
        ps.setString(4, AccessJson.write(changed.record()));
        ps.setString(5, changed.hash().toHex());
        ps.setLong(6, position);
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    /** One round trip per append: a large log of 2,000 entries is large enough to page through. */
    @Override
    protected int largeLogSize() {
      return 2_000;
    }
  }

  @Nested
  class Approvals extends ApprovalStoreContract {
    @Override
    protected ApprovalStore createStore() {
      return JdbcApprovalStore.using(EngineDatabase.fresh());
    }
  }

  @Nested
  class Redemptions extends RedemptionStoreContract {
    @Override
    protected RedemptionStore createStore() {
      return JdbcRedemptionStore.using(EngineDatabase.fresh());
    }

    @Override
    protected RedemptionStore reopen(RedemptionStore store) {
      return JdbcRedemptionStore.using(EngineDatabase.dataSource());
    }
  }

  @Nested
  class Stock extends StockStoreContract {
    @Override
    protected StockStore createStore() {
      return JdbcStockStore.using(EngineDatabase.fresh());
    }

    @Override
    protected StockStore reopen(StockStore store) {
      return JdbcStockStore.using(EngineDatabase.dataSource());
    }
  }

  @Nested
  class CodePools extends CodePoolStoreContract {
    @Override
    protected CodePoolStore createStore() {
      return JdbcCodePoolStore.using(EngineDatabase.fresh());
    }

    @Override
    protected CodePoolStore reopen(CodePoolStore store) {
      return JdbcCodePoolStore.using(EngineDatabase.dataSource());
    }
  }

  @Nested
  class Directory extends PartnerDirectoryContract {
    @Override
    protected PartnerRegistry createRegistry() {
      return JdbcPartnerDirectory.using(EngineDatabase.fresh());
    }
  }
}
