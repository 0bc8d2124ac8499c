package dev.loyalty.core.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.StoreFailureException;
import dev.loyalty.core.internal.Transactions;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 * idempotent and a rolled-back try left nothing.
 *
 * <p>Work that names the participants it will read ({@link #run(PartnerId, List, Supplier)}: an
 * activity, its partner and member) has their rows read in the lock's round trip, after the lock
 * (statements of one round trip run in order, each reading what was committed when it starts, so
 * after the partner's work before): the partner with its parents and the member (when the engine's
 * directory is the database's), and each participant's figures, earned points and standing. The
 * stores take them from {@link PrefetchedReads} instead of reading; the look-up of the activity in
 * the journal, the unit's first statement, sends them. Thread-safe.
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
  private final boolean directoryHere;

  /**
   * Transactions on {@code dataSource}; {@code directoryHere}: the engine's partner directory is
   * the {@code JdbcPartnerDirectory} on it, so partners and members are read with the lock.
   */
  public PartnerTransactions(DataSource dataSource, boolean directoryHere) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.directoryHere = directoryHere;
  }

  /** Transactions on {@code dataSource}, whose partner directory is elsewhere. */
  public PartnerTransactions(DataSource dataSource) {
    this(dataSource, false);
  }

  @Override
  public <T> T run(PartnerId partner, Supplier<T> work) {
    return run(partner, List.of(), work);
  }

  @Override
  public <T> T run(PartnerId partner, List<ParticipantId> participants, Supplier<T> work) {
    requireNonNull(partner, "partner");
    List<ParticipantId> reads = List.copyOf(new LinkedHashSet<>(requireNonNull(participants, "participants")));
    for (int attempt = 1; ; attempt++) {
      try {
        return JdbcUnitOfWork.inTransaction(dataSource, () -> {
          lock(partner, reads);
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
   * after the commit of the partner's work before; {@code participants}' reads follow it in its
   * round trip.
   */
  private void lock(PartnerId partner, List<ParticipantId> participants) {
    JdbcUnitOfWork.prelude(dataSource, new LockAndReads(partner, participants));
  }

  /** The lock, then the reads of what the work will read first ({@link PrefetchedReads}). */
  private final class LockAndReads implements PrefetchedReads.Reading {
    private final PartnerId partner;
    private final List<ParticipantId> participants;
    private final boolean chain;
    private final List<MemberId> members = new ArrayList<>();
    private final String sql;

    LockAndReads(PartnerId partner, List<ParticipantId> participants) {
      this.partner = partner;
      this.participants = participants;
      this.chain = directoryHere && !participants.isEmpty();
      StringBuilder text = new StringBuilder("SELECT pg_advisory_xact_lock(?, ?)");
      if (chain) {
        text.append("; ").append(PartnerRows.CHAIN);
        participants.stream().filter(MemberId.class::isInstance).map(MemberId.class::cast).forEach(members::add);
        members.forEach(m -> text.append("; ").append(PartnerRows.MEMBER));
      }
      participants.forEach(p -> text.append("; ").append(ParticipantRows.HISTORY_SQL.strip()));
      this.sql = text.toString();
    }

    @Override
    public String sql() {
      return sql;
    }

    @Override
    public int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
      statement.setInt(first, PARTNER_LOCKS);
      statement.setInt(first + 1, partner.value().hashCode());
      int next = first + 2;
      if (chain) {
        statement.setString(next++, partner.value());
        for (MemberId member : members) {
          statement.setString(next++, member.value());
        }
      }
      for (ParticipantId participant : participants) {
        next = ParticipantRows.bindHistory(statement, next, participant);
      }
      return next;
    }

    @Override
    public void read(PreparedStatement statement) throws SQLException {
      if (chain) {
        List<Partner> found = new ArrayList<>();
        try (ResultSet rs = next(statement)) {
          while (rs.next()) {
            found.add(PartnerRows.partner(rs));
          }
        }
        PrefetchedReads.putChain(dataSource, partner, found);
        for (MemberId member : members) {
          try (ResultSet rs = next(statement)) {
            PrefetchedReads.putMember(dataSource, member, rs.next() ? Optional.of(PartnerRows.member(rs))
                : Optional.<Member>empty());
          }
        }
      }
      for (ParticipantId participant : participants) {
        try (ResultSet rs = next(statement)) {
          PrefetchedReads.putRows(dataSource, participant, ParticipantRows.read(rs));
        }
      }
    }

    private ResultSet next(PreparedStatement statement) throws SQLException {
      if (!statement.getMoreResults()) {
        throw new IllegalStateException("a read sent with partner " + partner + "'s lock gave no result");
      }
      return statement.getResultSet();
    }

    @Override
    public Optional<RuntimeException> failure(SQLException failure, boolean transientFailure) {
      return Optional.of(new StoreFailureException("cannot lock partner " + partner + ": " + failure.getMessage(),
          failure, transientFailure));
    }
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
