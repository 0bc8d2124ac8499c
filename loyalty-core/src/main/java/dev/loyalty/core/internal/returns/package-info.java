/**
 * The returns capability: what a return takes back of its invoice's awards, and the ledger
 * command that takes it. Not API.
 */
package dev.loyalty.core.internal.returns;
