/**
 * The rewards capability behind {@code LoyaltyEngine.rewards()}, not API (it may change without
 * notice): {@link dev.loyalty.core.internal.rewards.RewardsService} decides each change of a
 * redemption under its partner's lock, {@code RedemptionChecks} refuses what must not be filed,
 * {@code RedemptionBook} is the one writer of the redemption store, {@code RedemptionSteps} runs a
 * filed change step by step (stock, codes, ledger, events, save), each step idempotent, and {@code
 * RedemptionLedger} builds the ledger commands under keys derived from the redemption; {@link
 * dev.loyalty.core.internal.rewards.RewardsStores} are the stores it writes. It uses the engine's
 * shared {@code Events} (the one outbox appender) and partner work (one database transaction per
 * change where every store it writes is in the engine's database); it has no journal
 * entries of its own kind, because a redemption is its own record in the redemption store.
 */
package dev.loyalty.core.internal.rewards;
