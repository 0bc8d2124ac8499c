/**
 * What the PostgreSQL stores share, not API (it may change without notice): {@link
 * dev.loyalty.core.jdbc.internal.Database} (every store's way to its database), {@link
 * dev.loyalty.core.jdbc.internal.Migrations} (the versioned scripts), the JSON forms of receipts
 * and events, the figures' totals by key ({@link dev.loyalty.core.jdbc.internal.FigureAmounts}),
 * {@link dev.loyalty.core.jdbc.internal.PartnerTransactions}, a partner's work as one transaction
 * under the partner's advisory lock, and the insights' SQL: the facts the journal keeps beside each
 * entry ({@link dev.loyalty.core.jdbc.internal.JournalFacts}) and the reports' sums over them and the
 * ledger's tables ({@link dev.loyalty.core.jdbc.internal.JdbcInsightsReads}).
 */
package dev.loyalty.core.jdbc.internal;
