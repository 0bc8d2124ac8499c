package dev.loyalty.core.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.StoreFailureException;
import dev.loyalty.core.internal.Transactions;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partner's work as one PostgreSQL transaction ({@link JdbcUnitOfWork}), in which every store on
 * the data source works and commits, and which first takes the partner's transaction-level
 * advisory lock: so across every application instance on the database one partner's work runs at a
 * time, and each sees everything the one before committed (the lock is its own statement, so the
 * statements after it read after that commit). A transaction the database aborts for a reason a
 * new try may cure (a deadlock between two partners' ledger locks, a serialization failure, a lost
 * race on a key, a lost connection) is run again, up to {@value #ATTEMPTS} times: the work is
 * idempotent and a rolled-back try left nothing. Thread-safe.
 */
public final class PartnerTransactions implements Transactions {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerTransactions.class);
  private static final int ATTEMPTS = 6;
  /**
   * The first key of the two-key advisory locks of partners ("LOYP"); the second is the partner
   * id's hash. Two partners whose ids hash alike merely wait for each other.
   */
  private static final int PARTNER_LOCKS = 0x4C4F5950;

  private final DataSource dataSource;

  /** Transactions on {@code dataSource}. */
  public PartnerTransactions(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
  }

  @Override
  public <T> T run(PartnerId partner, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return JdbcUnitOfWork.inTransaction(dataSource, () -> {
          lock(partner);
          return work.get();
        });
      } catch (RuntimeException e) {
        if (!isTransient(e) || attempt == ATTEMPTS) {
          throw e;
        }
        LOG.debug("work of partner {} rolled back ({}); running it again (attempt {})", partner, e.getMessage(),
            attempt + 1);
        Database.backOff(attempt);
      }
    }
  }

  /**
   * The partner's lock, as the unit's {@linkplain JdbcUnitOfWork#prelude prelude}: before any other
   * statement of the unit, in the round trip of the first one when that one takes it (the journal's
   * look-up of the activity does). It stays a statement of its own, so the statements after it read
   * after the commit of the partner's work before.
   */
  private void lock(PartnerId partner) {
    JdbcUnitOfWork.prelude(dataSource, new JdbcUnitOfWork.DeferredWrite() {
      @Override
      public String sql() {
        return "SELECT pg_advisory_xact_lock(?, ?)";
      }

      @Override
      public int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
        statement.setInt(first, PARTNER_LOCKS);
        statement.setInt(first + 1, partner.value().hashCode());
        return first + 2;
      }

      @Override
      public Optional<RuntimeException> failure(SQLException failure, boolean transientFailure) {
        return Optional.of(new StoreFailureException("cannot lock partner " + partner + ": " + failure.getMessage(),
            failure, transientFailure));
      }
    });
  }

  private static boolean isTransient(RuntimeException e) {
    return e instanceof StoreFailureException failure ? failure.isTransient() : JdbcUnitOfWork.isTransient(e);
  }

  @Override
  public void afterCommit(Runnable action) {
    JdbcUnitOfWork.afterCommit(dataSource, action);
  }

  @Override
  public boolean atomic() {
    return true;
  }
}
