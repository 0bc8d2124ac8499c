package dev.loyalty.core.jdbc.internal;

import dev.loyalty.core.StoreFailureException;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A partner's transaction-level advisory lock, which orders one partner's work across every
 * application instance on the database, as the statement that takes it: two keys, the first
 * {@value #PARTNER_LOCKS} ("LOYP"), the second the partner id's hash (two partners whose ids hash
 * alike merely wait for each other). Stateless.
 */
final class PartnerLock {
  private static final int PARTNER_LOCKS = 0x4C4F5950;

  private PartnerLock() {}

  /** The statement that takes {@code partner}'s lock, failing as a {@link StoreFailureException} naming it. */
  static JdbcUnitOfWork.DeferredWrite of(PartnerId partner) {
    return new JdbcUnitOfWork.DeferredWrite() {
      @Override
      public String sql() {
        return "SELECT pg_advisory_xact_lock(?, ?)";
      }

      @Override
      public int bind(java.sql.Connection connection, java.sql.PreparedStatement statement, int first)
          throws SQLException {
        statement.setInt(first, PARTNER_LOCKS);
        statement.setInt(first + 1, partner.value().hashCode());
        return first + 2;
      }

      @Override
      public Optional<RuntimeException> failure(SQLException failure, boolean transientFailure) {
        return Optional.of(failed(partner, failure));
      }
    };
  }

  /** The failure to lock {@code partner}. */
  static StoreFailureException failed(PartnerId partner, SQLException e) {
    return new StoreFailureException("cannot lock partner " + partner + ": " + e.getMessage(), e,
        JdbcUnitOfWork.isTransient(e));
  }

  /** Whether work that threw {@code e} may succeed if run again from its start. */
  static boolean isTransient(RuntimeException e) {
    return e instanceof StoreFailureException failure ? failure.isTransient() : JdbcUnitOfWork.isTransient(e);
  }
}
