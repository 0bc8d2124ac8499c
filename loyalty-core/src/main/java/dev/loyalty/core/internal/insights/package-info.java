/**
 * The insights capability behind {@code LoyaltyEngine.insights()}, not API (it may change without
 * notice): {@link dev.loyalty.core.internal.insights.InsightsService} answers every query and never
 * writes; {@code Population} reads the directory and the tier history once (who is enrolled, each
 * participant's tier on a day); the sums of the ledger and the journal come from an {@link
 * dev.loyalty.core.internal.insights.InsightsReads}: {@link
 * dev.loyalty.core.internal.insights.StoreReads} reads any stores through their ports ({@code
 * JournalPass}, one pass over the activity journal; one pass over the ledger's journal, each
 * wallet's amounts sorted by {@link dev.loyalty.core.internal.insights.WalletFlow} into one kind of
 * the points flow: issued, taken back, redeemed, expired, other), and {@code
 * dev.loyalty.core.jdbc.internal.JdbcInsightsReads} asks PostgreSQL for the same sums in SQL.
 * {@link dev.loyalty.core.internal.insights.AwardTiming} says when a journal entry's points count,
 * for both. The definitions are in docs/INSIGHTS.md.
 */
package dev.loyalty.core.internal.insights;
