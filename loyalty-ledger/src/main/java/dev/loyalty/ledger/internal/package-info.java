/**
 * How the ledger works inside: command planning, canonical encoding and chain sealing. Not API:
 * anything here may change in any release.
 */
package dev.loyalty.ledger.internal;
