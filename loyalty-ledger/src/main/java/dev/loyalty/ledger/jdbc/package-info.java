/**
 * The PostgreSQL store: {@link dev.loyalty.ledger.jdbc.JdbcLedgerStore}, over a host-supplied
 * {@code DataSource}, with its schema as versioned SQL resources in this package
 * ({@code V1__ledger.sql}, {@code V2__compact_journal.sql}, ...), and {@link
 * dev.loyalty.ledger.jdbc.JdbcUnitOfWork}, a database transaction the store's commands join so that
 * they commit together with a caller's own writes, and {@link
 * dev.loyalty.ledger.jdbc.SqlMigrations}, the versioned scripts' migration the ledger uses for its
 * schema and a library beside it (the loyalty engine) for its own. Safe for many application
 * instances sharing one database.
 */
package dev.loyalty.ledger.jdbc;
