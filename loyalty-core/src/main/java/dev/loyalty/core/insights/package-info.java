/**
 * Insights into a loyalty program. So far: sales forecasts. {@link
 * dev.loyalty.core.insights.SalesSeries} turns the per-participant history the engine keeps into
 * {@link dev.loyalty.core.insights.MonthlySeries} (one participant, a category, a group's total);
 * {@link dev.loyalty.core.insights.Forecaster} forecasts them with a documented seasonal method,
 * backtests the method against the seasonal-naive baseline on held-out months, and ships the
 * method only where it beats the baseline. Every amount is a {@link java.math.BigDecimal} in the
 * series' currency; no {@code double} crosses this API. Everything here is immutable or stateless
 * and thread-safe, and nothing accepts or returns null. See docs/INSIGHTS.md.
 */
package dev.loyalty.core.insights;
