/**
 * Insights into a loyalty program. {@link dev.loyalty.core.insights.Insights} ({@code
 * engine.insights()}) reads the engine's stores for key figures ({@link
 * dev.loyalty.core.insights.ProgramKpis}) over any {@link dev.loyalty.core.insights.DateRange} and
 * {@link dev.loyalty.core.insights.ParticipantFilter}, tier distributions and movements, campaign
 * uplift and budget burn, the liability's projection, leaderboards, badges and tier history. {@link
 * dev.loyalty.core.insights.SalesSeries} turns the per-participant history the engine keeps into
 * {@link dev.loyalty.core.insights.MonthlySeries} (one participant, a category, a group's total);
 * {@link dev.loyalty.core.insights.Forecaster} forecasts them with a documented seasonal method,
 * backtests the method against the seasonal-naive baseline on held-out months, and ships the
 * method only where it beats the baseline. Every amount is a {@link java.math.BigDecimal} in the
 * series' currency; no {@code double} crosses this API. Everything here is immutable or stateless
 * and thread-safe, and nothing accepts or returns null. See docs/INSIGHTS.md.
 */
package dev.loyalty.core.insights;
