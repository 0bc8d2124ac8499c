package dev.loyalty.core.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What a partner's transaction read in the round trip of its lock, right after the lock (so under
 * it), before any store asked ({@link PartnerTransactions}): the partner with its parents, members,
 * and participants' rows, by what they are of, for the store that would read them to take instead
 * of reading (each is taken once: a store that takes one keeps it itself, and a store about to
 * write a participant's rows drops what was read of them). Per unit of work and data source; used
 * by the unit's thread only.
 */
public final class PrefetchedReads {
  /** The key of the unit's map (the class itself: one per unit and data source). */
  private static final Object KEY = PrefetchedReads.class;

  /** What the reads are of. */
  private record Chain(PartnerId partner) {
  }

  private record MemberRow(MemberId member) {
  }

  private record Rows(ParticipantId participant) {
  }

  private PrefetchedReads() {
  }

  /**
   * A prelude that sends reads after its own statement, in its round trip: whoever sends it reads
   * their results with {@link #read}, so that they land here.
   */
  public interface Reading extends JdbcUnitOfWork.DeferredWrite {
    /**
     * Reads the results of the reads sent after the prelude's own statement: {@code statement} is on
     * the prelude's own result when called, and on the last of the reads' when it returns.
     */
    void read(PreparedStatement statement) throws SQLException;
  }

  /** Keeps the partner {@code partner} and its parents ({@code chain}, the partner first; empty: none such). */
  static void putChain(DataSource dataSource, PartnerId partner, List<Partner> chain) {
    reads(dataSource).ifPresent(r -> r.put(new Chain(partner), List.copyOf(chain)));
  }

  static void putMember(DataSource dataSource, MemberId member, Optional<Member> found) {
    reads(dataSource).ifPresent(r -> r.put(new MemberRow(member), found));
  }

  static void putRows(DataSource dataSource, ParticipantId participant, ParticipantRows.Stored stored) {
    reads(dataSource).ifPresent(r -> r.put(new Rows(participant), stored));
  }

  /** The partner and its parents read with the lock (the partner first; empty list: no such partner), taken. */
  @SuppressWarnings("unchecked")
  public static Optional<List<Partner>> takeChain(DataSource dataSource, PartnerId partner) {
    return take(dataSource, new Chain(requireNonNull(partner, "partner"))).map(v -> (List<Partner>) v);
  }

  /** The member read with the lock (empty inside: no such member), taken. */
  @SuppressWarnings("unchecked")
  public static Optional<Optional<Member>> takeMember(DataSource dataSource, MemberId member) {
    return take(dataSource, new MemberRow(requireNonNull(member, "member"))).map(v -> (Optional<Member>) v);
  }

  /** The participant's rows read with the lock, taken (a store about to write them calls it to drop them). */
  public static Optional<ParticipantRows.Stored> takeRows(DataSource dataSource, ParticipantId participant) {
    return take(dataSource, new Rows(requireNonNull(participant, "participant")))
        .map(ParticipantRows.Stored.class::cast);
  }

  private static Optional<Object> take(DataSource dataSource, Object key) {
    return reads(dataSource).map(r -> r.remove(key));
  }

  private static Optional<Map<Object, Object>> reads(DataSource dataSource) {
    return JdbcUnitOfWork.unitValue(dataSource, KEY, HashMap::new);
  }
}
