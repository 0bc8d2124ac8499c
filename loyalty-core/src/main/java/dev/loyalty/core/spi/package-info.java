/**
 * Storage ports: the plain interfaces a host implements to keep the library's state in its own
 * database ({@link dev.loyalty.core.spi.ActivityJournal}, {@link
 * dev.loyalty.core.spi.PerformanceStore}, {@link dev.loyalty.core.spi.EventOutbox}, {@link
 * dev.loyalty.core.spi.PartnerDirectory}, {@link dev.loyalty.core.spi.CatalogStore}, {@link
 * dev.loyalty.core.spi.AuditStore}, {@link dev.loyalty.core.spi.ApprovalStore}, {@link
 * dev.loyalty.core.spi.RedemptionStore}, {@link dev.loyalty.core.spi.StockStore}, {@link
 * dev.loyalty.core.spi.CodePoolStore}, {@link dev.loyalty.core.spi.TierHistory}, {@link
 * dev.loyalty.core.spi.BadgeStore}), each with an in-memory implementation behind a static
 * factory ({@code ActivityJournal.inMemory()}, ...), and a PostgreSQL one in {@code
 * dev.loyalty.core.jdbc}. Every implementation must pass the port's abstract contract suite from
 * core's test-jar ({@code ActivityJournalContract}, {@code AuditStoreContract}, {@code
 * RedemptionStoreContract}, ...); {@link dev.loyalty.core.spi.RewardsStoreArguments} checks the
 * arguments of the rewards stores alike for every implementation. Implementations are
 * thread-safe; no method accepts or returns null.
 */
package dev.loyalty.core.spi;
