/**
 * Helpers of the PostgreSQL stores (the ledger's and the engine's) for binding statements. Not
 * API: anything here may change in any release.
 */
package dev.loyalty.ledger.jdbc.internal;
