package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.spi.AccountState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What commands changed in {@link AccountType#SYSTEM} accounts (issuance, clearing, breakage), as
 * differences to add to their rows rather than states to write over them.
 *
 * <p>Why: a system account may go negative, so no command needs its exact balance to decide
 * anything, yet until now every command locked its row from the lock statement to
 * the commit. Every award is paid from the issuance account, so every award of every partner
 * queued for that one row: with the engine's activity in one transaction, 47% of the backends'
 * time at 8 threads was spent waiting for it. Now a command reads a system account's row without
 * locking it and adds its change to the row ({@code posted = posted + d}) at the end: the
 * additions commute, so the row is right whatever the order the transactions commit in, and its
 * lock is held from that one statement to the commit. Inside a {@link JdbcUnitOfWork} the
 * additions wait for the unit's end ({@link JdbcUnitOfWork#beforeCommitLast}), after everything
 * else the unit writes. Used by one thread.
 */
final class SystemDeltas {

  /**
   * The additions, as an {@code UPDATE} over arrays (parameters: ids, then the differences of
   * posted, pending debits, pending credits, debt, inflow and outflow, then the latest credit time
   * or null). Ids come sorted, so two transactions take these rows' locks in the same order.
   */
  static final String UPDATE_SQL = """
      UPDATE ledger_account a
         SET posted = a.posted + u.posted, pending_debits = a.pending_debits + u.pending_debits,
             pending_credits = a.pending_credits + u.pending_credits, debt = a.debt + u.debt,
             inflow = a.inflow + u.inflow, outflow = a.outflow + u.outflow,
             last_credit_at_ns = GREATEST(a.last_credit_at_ns, u.last_credit)
        FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                    ?::numeric[]) AS u(id, posted, pending_debits, pending_credits, debt, inflow, outflow, last_credit)
       WHERE a.id = u.id""";

  /** The number of parameters of {@link #UPDATE_SQL}. */
  static final int PARAMETERS = 8;

  /** Per account id, in id order: the six differences, and the latest credit time in nanoseconds or null. */
  private final Map<String, long[]> changes = new TreeMap<>();
  private final Map<String, Instant> lastCredits = new TreeMap<>();

  /** Whether {@code state} is of an account whose changes are added rather than written. */
  static boolean isAdded(AccountState state) {
    return state.account().type() == AccountType.SYSTEM;
  }

  /** Adds the change from {@code base} (the state the command read) to {@code next} (the state it computed). */
  void add(AccountState base, AccountState next) {
    long[] d = changes.computeIfAbsent(next.id().value(), k -> new long[6]);
    d[0] = Math.addExact(d[0], Math.subtractExact(next.posted(), base.posted()));
    d[1] = Math.addExact(d[1], Math.subtractExact(next.pendingDebits(), base.pendingDebits()));
    d[2] = Math.addExact(d[2], Math.subtractExact(next.pendingCredits(), base.pendingCredits()));
    d[3] = Math.addExact(d[3], Math.subtractExact(next.debt(), base.debt()));
    d[4] = Math.addExact(d[4], Math.subtractExact(next.inflow(), base.inflow()));
    d[5] = Math.addExact(d[5], Math.subtractExact(next.outflow(), base.outflow()));
    Optional<Instant> credit = next.lastCreditAt().filter(t -> !next.lastCreditAt().equals(base.lastCreditAt()));
    credit.ifPresent(t -> lastCredits.merge(next.id().value(), t, (a, b) -> a.isAfter(b) ? a : b));
  }

  /** Adds everything {@code other} holds. */
  void addAll(SystemDeltas other) {
    other.changes.forEach((id, d) -> {
      long[] mine = changes.computeIfAbsent(id, k -> new long[6]);
      for (int i = 0; i < mine.length; i++) {
        mine[i] = Math.addExact(mine[i], d[i]);
      }
    });
    other.lastCredits.forEach((id, t) -> lastCredits.merge(id, t, (a, b) -> a.isAfter(b) ? a : b));
  }

  /**
   * {@code read} (a system account's row as the database holds it) with the additions held here:
   * what the account holds for the transaction that holds these additions back.
   */
  AccountState applyTo(AccountState read) {
    long[] d = changes.get(read.id().value());
    Instant credit = lastCredits.get(read.id().value());
    if (d == null) {
      return read;
    }
    Optional<Instant> lastCredit = credit == null || read.lastCreditAt().filter(t -> !t.isBefore(credit)).isPresent()
        ? read.lastCreditAt() : Optional.of(credit);
    return new AccountState(read.account(), Math.addExact(read.posted(), d[0]),
        Math.addExact(read.pendingDebits(), d[1]), Math.addExact(read.pendingCredits(), d[2]),
        Math.addExact(read.debt(), d[3]), Math.addExact(read.inflow(), d[4]), Math.addExact(read.outflow(), d[5]),
        lastCredit);
  }

  boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Binds the additions as {@link #UPDATE_SQL}'s parameters, from {@code first} on (empty arrays when there are none). */
  void bind(Connection c, PreparedStatement ps, int first) throws SQLException {
    List<Object> ids = new ArrayList<>(changes.keySet());
    ps.setArray(first, c.createArrayOf("varchar", ids.toArray()));
    for (int column = 0; column < 6; column++) {
      Object[] values = new Object[ids.size()];
      int i = 0;
      for (long[] d : changes.values()) {
        values[i++] = d[column];
      }
      ps.setArray(first + 1 + column, c.createArrayOf("bigint", values));
    }
    Object[] credits = ids.stream().map(id -> lastCredits.containsKey(id) ? Nanos.of(lastCredits.get(id)) : null)
        .toArray();
    ps.setArray(first + 7, c.createArrayOf("numeric", credits));
  }

  /** Sends the additions in a statement of their own, and forgets them. */
  void write(Connection c) throws SQLException {
    if (isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(UPDATE_SQL)) {
      bind(c, ps, 1);
      ps.executeUpdate();
    }
    changes.clear();
    lastCredits.clear();
  }
}
