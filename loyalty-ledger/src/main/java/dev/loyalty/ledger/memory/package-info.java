/** The default store: {@link dev.loyalty.ledger.memory.InMemoryLedgerStore}, in the JVM's memory. */
package dev.loyalty.ledger.memory;
