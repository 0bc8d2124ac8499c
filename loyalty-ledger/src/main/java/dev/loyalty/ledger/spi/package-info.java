/**
 * The storage SPI: implement {@link dev.loyalty.ledger.spi.LedgerStore} to keep the ledger in a
 * host's own database, and run the contract suites from this module's test-jar against it
 * ({@code LedgerStoreContract}, {@code LedgerPropertiesContract}, {@code LedgerConcurrencyContract}).
 */
package dev.loyalty.ledger.spi;
