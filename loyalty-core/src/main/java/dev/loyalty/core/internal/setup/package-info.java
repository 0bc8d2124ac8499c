/** What {@code build()} does to the ledger: the program's accounts, and campaign budgets as the program sets them. Not API. */
package dev.loyalty.core.internal.setup;
