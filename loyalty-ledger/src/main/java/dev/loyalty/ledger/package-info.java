/**
 * A generic, exact double-entry points ledger. {@link dev.loyalty.ledger.Ledger} is the entry
 * point: accounts ({@link dev.loyalty.ledger.AccountType wallets, budgets, system accounts}),
 * balanced transactions, two-phase holds, lots with expiry, reversals, idempotency keys and a
 * hash chain. It knows nothing about loyalty programs.
 *
 * <p>Values are immutable records; nothing in the API returns or accepts null; points are
 * {@code long} and every sum is overflow-checked. Refusals are {@link dev.loyalty.ledger.LedgerException}s.
 */
package dev.loyalty.ledger;
