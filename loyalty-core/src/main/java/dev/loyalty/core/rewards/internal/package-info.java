/**
 * Implementations behind the rewards API (the in-memory catalog store); not API, may change
 * without notice. Nothing here accepts or returns null.
 */
package dev.loyalty.core.rewards.internal;
