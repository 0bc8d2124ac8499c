/**
 * The numerical work behind the insights API: Holt-Winters and simple exponential smoothing in
 * {@code double} (see {@link dev.loyalty.core.insights.internal.ScaledValues} for why that is
 * acceptable for an estimate and how doubles are kept from the API), the baselines, the rolling-origin
 * backtest and the empirical intervals. Not API; may change without notice. Nothing here accepts or
 * returns null.
 */
package dev.loyalty.core.insights.internal;
