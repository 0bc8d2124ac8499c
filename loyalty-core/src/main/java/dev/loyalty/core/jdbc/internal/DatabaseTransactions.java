package dev.loyalty.core.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.internal.Transactions;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import javax.sql.DataSource;

/**
 * What partners' work in PostgreSQL transactions ({@link JdbcUnitOfWork}) has in common, one
 * transaction per piece of work or a group commit: it is atomic, and what waits for the commit
 * waits for the unit's. Thread-safe.
 */
abstract class DatabaseTransactions implements Transactions {
  /** The database every store of the work is in. */
  final DataSource dataSource;

  DatabaseTransactions(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
  }

  @Override
  public final void afterCommit(Runnable action) {
    JdbcUnitOfWork.afterCommit(dataSource, action);
  }

  @Override
  public final boolean atomic() {
    return true;
  }
}
