/**
 * Storage ports: the plain interfaces a host implements to keep the library's state in its own
 * database, each with an in-memory implementation behind a static factory ({@code
 * RedemptionStore.inMemory()}). Every implementation must pass the port's abstract contract suite
 * from core's test-jar ({@code RedemptionStoreContract}, {@code StockStoreContract}, {@code
 * CodePoolStoreContract}). Implementations are thread-safe; no method accepts or returns null.
 */
package dev.loyalty.core.spi;
