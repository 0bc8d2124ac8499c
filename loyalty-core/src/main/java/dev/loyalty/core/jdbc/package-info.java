/**
 * The engine's stores in PostgreSQL, beside the ledger's tables in the same database: {@link
 * dev.loyalty.core.jdbc.JdbcActivityJournal}, {@link dev.loyalty.core.jdbc.JdbcPerformanceStore},
 * {@link dev.loyalty.core.jdbc.JdbcEventOutbox}, {@link dev.loyalty.core.jdbc.JdbcPartnerDirectory},
 * {@link dev.loyalty.core.jdbc.JdbcCatalogStore}, the rewards' {@link
 * dev.loyalty.core.jdbc.JdbcRedemptionStore}, {@link dev.loyalty.core.jdbc.JdbcStockStore} and {@link
 * dev.loyalty.core.jdbc.JdbcCodePoolStore}, the others of claims, access and insights, and {@link
 * dev.loyalty.core.jdbc.PostgresStores}, which gives them all over one {@code DataSource} and
 * migrates the schema ({@code dev/loyalty/core/jdbc/V*.sql}). Each store joins the calling thread's
 * {@code JdbcUnitOfWork} on its data source, so that {@code LoyaltyEngine.builder(...).postgres(ds)}
 * commits an activity's effects, or a redemption's change, in one transaction. Thread-safe; safe for many application
 * instances on one database. No method accepts or returns null.
 *
 * <p>A new store follows the same pattern: a port in {@code dev.loyalty.core.spi} with its contract
 * suite, a class here over {@code jdbc.internal.Database} (which joins the caller's unit of work,
 * retries what a retry cures, and checks the schema), its tables in the next {@code V<n>__*.sql}
 * (listed in {@code jdbc.internal.Migrations}), and a nested class in {@code JdbcPortsTest} running
 * the contract on PostgreSQL.
 */
package dev.loyalty.core.jdbc;
