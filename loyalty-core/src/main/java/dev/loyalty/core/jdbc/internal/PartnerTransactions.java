package dev.loyalty.core.jdbc.internal;

import dev.loyalty.core.model.PartnerId;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
public final class PartnerTransactions extends DatabaseTransactions {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerTransactions.class);
  private static final int ATTEMPTS = 6;


  /** Transactions on {@code dataSource}. */
  public PartnerTransactions(DataSource dataSource) {
    super(dataSource);
  }

  @Override
  public <T> T run(PartnerId partner, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return JdbcUnitOfWork.inTransaction(dataSource, () -> {
          lock(dataSource, partner);
          return work.get();
        });
      } catch (RuntimeException e) {
        if (!PartnerLock.isTransient(e) || attempt == ATTEMPTS) {
          throw e;
        }
        LOG.debug("work of partner {} rolled back ({}); running it again (attempt {})", partner, e.getMessage(),
            attempt + 1);
        Database.backOff(attempt);
      }
    }
  }

  /** Takes {@code partner}'s advisory lock in the unit this thread has open on {@code dataSource}. */
  static void lock(DataSource dataSource, PartnerId partner) {
    JdbcUnitOfWork.DeferredWrite lock = PartnerLock.of(partner);
    try (PreparedStatement ps = JdbcUnitOfWork.current(dataSource).orElseThrow().prepareStatement(lock.sql())) {
      lock.bind(null, ps, 1);
      ps.execute();
    } catch (SQLException e) {
      JdbcUnitOfWork.markFailed(dataSource, e);
      throw PartnerLock.failed(partner, e);
    }
  }

}
