/**
 * The insights capability behind {@code LoyaltyEngine.insights()}, not API (it may change without
 * notice): {@link dev.loyalty.core.internal.insights.InsightsService} answers every query with one
 * pass per store it needs and never writes; {@code Population} reads the directory and the tier
 * history once (who is enrolled, each participant's tier on a day), {@code WalletFlow} sorts each
 * wallet posting into one kind of the points flow (issued, taken back, redeemed, expired, other)
 * and a return's shortfall from the clawback side, and {@code ActivityFacts} makes the one pass over
 * the journal (activity, sales, learning, and each rule's and campaign's points by the effective
 * time of the ledger transaction that moved them). The definitions are in docs/INSIGHTS.md.
 */
package dev.loyalty.core.internal.insights;
