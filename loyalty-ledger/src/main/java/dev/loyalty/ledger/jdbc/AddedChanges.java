package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.jdbc.internal.ArrayLiteral;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.LedgerStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What commands changed in accounts they did not lock, as differences to add to their rows rather
 * than states to write over them: {@link AccountType#SYSTEM} accounts (issuance, clearing,
 * breakage) always, and inside a {@link JdbcUnitOfWork} budgets too.
 *
 * <p>Why: every award is paid from the issuance account, and most of a campaign's from its budget.
 * When every command locked those rows from its lock statement to its commit, and an engine's
 * activity was one transaction, every activity of every partner queued for them: 47% of the
 * database backends' time at 8 threads was spent waiting for those two rows. Differences commute,
 * so a row is right whatever order the transactions commit in, and its lock is held from the one
 * statement that adds them to the commit.
 *
 * <ul>
 *   <li>A system account may go negative: no command needs its exact balance, so its changes are
 *       simply added, in a command of its own transaction with the command's write, inside a unit
 *       of work at the unit's end, with its {@code COMMIT} ({@link JdbcUnitOfWork#commitWith}).
 *       Not to its row but to one of its {@value #STRIPES} stripe rows (schema version 7), one no
 *       other transaction holds: a lock held to the commit still ordered every award's commit
 *       behind the previous one's disk flush (25% of the backends' states at 8 threads), and with
 *       stripes concurrent units hold different rows and PostgreSQL flushes their commits together.
 *       What the account holds is its row plus its stripes ({@code ledger_account_total}), which is
 *       what every read of it sees.
 *   <li>A budget may not: inside a unit, a command decides on the budget as read (with the unit's
 *       own earlier changes), and at the unit's end the budget's row is locked and the decision
 *       checked again against everything committed by then: what is available ({@code posted -
 *       pending debits}) and, from the earliest time the unit drew on it, every balance as of a
 *       later time ({@code posted - mostPostedAfter(t)}) must still be at least zero: exactly what
 *       the ledger would have required had the unit's commands run then. If not, nothing of the unit
 *       is committed: it fails with a transient {@link LedgerStoreException}, to be run again (the
 *       engine does; its new run reads the budget as it is then).
 * </ul>
 *
 * <p>Used by one thread.
 */
final class AddedChanges implements JdbcUnitOfWork.Commit {

  /**
   * How many stripe rows each system account has ({@code ledger_account_stripe}, schema version 7,
   * whose script creates them and says why this many). Only the start of a unit's search for a free
   * stripe depends on it: a database with more or fewer stripes per account is still added to right.
   */
  static final int STRIPES = 16;

  /** Adds the differences {@code u} to the row {@code t} (of an account or a stripe: the same columns). */
  private static final String ADD_DELTAS = """
         SET posted = t.posted + u.posted, pending_debits = t.pending_debits + u.pending_debits,
             pending_credits = t.pending_credits + u.pending_credits, debt = t.debt + u.debt,
             inflow = t.inflow + u.inflow, outflow = t.outflow + u.outflow,
             last_credit_at_ns = GREATEST(t.last_credit_at_ns, u.last_credit)
      """;

  /**
   * The CTEs that add the changes, without the {@code WITH} (parameters: {@link #PARAMETERS}, bound
   * by {@link #bind}). In the one lock order ({@link LedgerSql#LOCK_ORDER}) and each set of locks
   * taken in full before the next and before any row is changed, so that transactions never wait
   * for each other in a circle:
   * <ol>
   *   <li>{@code added_locks}: the rows of the budgets (parameter 1), sorted, {@code FOR NO KEY
   *       UPDATE}, the lock an {@code UPDATE} takes anyway: unlike {@code FOR UPDATE} it does not wait
   *       for the key-share locks that other transactions' holds take on the account through {@code
   *       ledger_hold}'s foreign keys (a hold to a budget would otherwise block every other
   *       transaction adding to it until it commits).
   *   <li>{@code stripe_locks}, once those are held (its one-time filter): for each system account
   *       (parameter 2, in {@link String} order, the order every transaction uses), ONE of its stripe
   *       rows, the first no other transaction holds from the thread's start stripe (parameter 3) on
   *       ({@code SKIP LOCKED}: a unit never waits for a stripe while another is free); if all are
   *       held, it waits for the start stripe (parameter 4). A transaction holds at most one stripe
   *       of an account and takes the accounts in one order, so a wait for a stripe is always for a
   *       transaction that waits, if at all, only for accounts later in that order. An account
   *       without stripes (opened by hand with the trigger of version 7 disabled) fails the
   *       statement, naming it, rather than losing its changes.
   *   <li>{@code added_deltas}: the differences (parameters 5 to 12: ids, posted, pending debits,
   *       pending credits, debt, inflow, outflow, latest credit time or null).
   *   <li>{@code added_rows}: the budgets' rows, once all of {@code added_locks} are held (an init
   *       plan), returning what a budget's check needs; {@code added_stripes}: the chosen stripes,
   *       once all of {@code stripe_locks} are held. A row another transaction changed meanwhile is
   *       updated as that one committed it.
   * </ol>
   */
  static final String CTES = "added_locks AS (SELECT id FROM ledger_account WHERE id = ANY (?::varchar[]) ORDER BY "
      + LedgerSql.LOCK_ORDER + " FOR NO KEY UPDATE),\n"
      + """
      stripe_locks AS (
        SELECT u.id, c.stripe FROM unnest(?::varchar[]) AS u(id) CROSS JOIN LATERAL (SELECT COALESCE(
          (SELECT s.stripe FROM ledger_account_stripe s WHERE s.account_id = u.id ORDER BY s.stripe < ?::int, s.stripe
            LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED),
          (SELECT s.stripe FROM ledger_account_stripe s WHERE s.account_id = u.id ORDER BY s.stripe < ?::int, s.stripe
            LIMIT 1 FOR NO KEY UPDATE),
          ('ledger: a system account without stripes: ' || u.id)::int) AS stripe) AS c
         WHERE (SELECT count(*) FROM added_locks) >= 0),
      added_deltas AS (
        SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                             ?::numeric[]) AS u(id, posted, pending_debits, pending_credits, debt, inflow, outflow, last_credit)),
      added_rows AS (
        UPDATE ledger_account t
      """ + ADD_DELTAS + """
          FROM added_deltas u
         WHERE t.id = u.id AND t.type <> 'SYSTEM' AND (SELECT count(*) FROM added_locks) > 0
        RETURNING t.id, t.posted, t.pending_debits, t.last_credit_at_ns),
      added_stripes AS (
        UPDATE ledger_account_stripe t
      """ + ADD_DELTAS + """
          FROM stripe_locks l JOIN added_deltas u ON u.id = l.id
         WHERE t.account_id = l.id AND t.stripe = l.stripe AND (SELECT count(*) FROM stripe_locks) >= 0)""";

  /** The additions in a statement of their own, returning what a budget's check needs. */
  private static final String WRITE_SQL = "WITH " + CTES + " SELECT * FROM added_rows";

  /**
   * Why {@link #WRITE_AND_COMMIT_SQL} failed on purpose: the text of its error, which PostgreSQL
   * reports as a failed cast ({@code 22P02}) of it.
   */
  private static final String RECHECK = "ledger: budget to check again: ";

  /**
   * The additions, the budgets' check and the {@code COMMIT}, in one round trip: the end of a unit
   * of work whose budgets had no credit effective after the unit drew on them when it read them.
   * Parameters: {@link #PARAMETERS} of the additions, then the budgets drawn on and the earliest
   * time each was drawn on. For each such budget, what is available must be at least zero, and no
   * credit may have come meanwhile effective after that time (then the balances as of later times
   * need a look, which {@link #write} takes): otherwise the statement fails by casting {@link
   * #RECHECK} and the budget's id to a number, PostgreSQL skips the {@code COMMIT}, and the caller
   * rolls the unit back.
   */
  private static final String WRITE_AND_COMMIT_SQL = "WITH " + CTES + " SELECT CASE WHEN d.posted - d.pending_debits < 0 OR d.last_credit_at_ns > drawn.from_ns "
      + "THEN ('" + RECHECK + "' || d.id || ' available ' || (d.posted - d.pending_debits))::int ELSE 0 END "
      + "FROM added_rows d JOIN unnest(?::varchar[], ?::numeric[]) AS drawn(id, from_ns) ON drawn.id = d.id; COMMIT";

  /** The number of parameters of {@link #CTES}. */
  static final int PARAMETERS = 12;

  /** Per account id, in id order: the six differences, and the latest credit time in nanoseconds or null. */
  private final Map<String, long[]> changes = new TreeMap<>();
  /** The system accounts among them: their changes go to a stripe, the others' (budgets') to their row. */
  private final Set<String> systemAccounts = new TreeSet<>();
  private final Map<String, Instant> lastCredits = new TreeMap<>();
  /** Per budget drawn on, the earliest effective time of a debit or hold from it. */
  private final Map<String, Instant> drawnFrom = new TreeMap<>();
  /** Per account, the latest credit time the commands saw (read or wrote). */
  private final Map<String, Instant> creditsSeen = new TreeMap<>();

  /** Adds the change from {@code base} (the state the command read) to {@code next} (the state it computed). */
  void add(AccountState base, AccountState next) {
    long[] d = changes.computeIfAbsent(next.id().value(), k -> new long[6]);
    if (next.account().type() == AccountType.SYSTEM) {
      systemAccounts.add(next.id().value());
    }
    d[0] = Math.addExact(d[0], Math.subtractExact(next.posted(), base.posted()));
    d[1] = Math.addExact(d[1], Math.subtractExact(next.pendingDebits(), base.pendingDebits()));
    d[2] = Math.addExact(d[2], Math.subtractExact(next.pendingCredits(), base.pendingCredits()));
    d[3] = Math.addExact(d[3], Math.subtractExact(next.debt(), base.debt()));
    d[4] = Math.addExact(d[4], Math.subtractExact(next.inflow(), base.inflow()));
    d[5] = Math.addExact(d[5], Math.subtractExact(next.outflow(), base.outflow()));
    Optional<Instant> credit = next.lastCreditAt().filter(t -> !next.lastCreditAt().equals(base.lastCreditAt()));
    credit.ifPresent(t -> lastCredits.merge(next.id().value(), t, AddedChanges::later));
    next.lastCreditAt().ifPresent(t -> creditsSeen.merge(next.id().value(), t, AddedChanges::later));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Notes that a budget, {@code account}, was drawn on by a transaction effective at {@code at}. */
  void drawn(String account, Instant at) {
    drawnFrom.merge(account, at, (a, b) -> a.isBefore(b) ? a : b);
  }

  /** Adds everything {@code other} holds. */
  void addAll(AddedChanges other) {
    other.changes.forEach((id, d) -> {
      long[] mine = changes.computeIfAbsent(id, k -> new long[6]);
      for (int i = 0; i < mine.length; i++) {
        mine[i] = Math.addExact(mine[i], d[i]);
      }
    });
    systemAccounts.addAll(other.systemAccounts);
    other.lastCredits.forEach((id, t) -> lastCredits.merge(id, t, AddedChanges::later));
    other.creditsSeen.forEach((id, t) -> creditsSeen.merge(id, t, AddedChanges::later));
    other.drawnFrom.forEach(this::drawn);
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

  /**
   * Binds the additions as the parameters of {@link #CTES}, from {@code first} on (empty arrays
   * when there are none). The search for a free stripe starts at one that depends on the calling
   * thread, so that the threads of a pool start at different stripes and a thread's successive
   * units at the same one.
   */
  void bind(PreparedStatement ps, int first) throws SQLException {
    List<String> budgets = new ArrayList<>();
    changes.keySet().stream().filter(id -> !systemAccounts.contains(id)).forEach(budgets::add);
    ps.setString(first, ArrayLiteral.ofTexts(budgets));
    ps.setString(first + 1, ArrayLiteral.ofTexts(systemAccounts));
    int start = startStripe();
    ps.setInt(first + 2, start);
    ps.setInt(first + 3, start);
    int next = first + 4;
    ps.setString(next, ArrayLiteral.ofTexts(changes.keySet()));
    for (int column = 0; column < 6; column++) {
      ArrayLiteral values = new ArrayLiteral();
      for (long[] d : changes.values()) {
        values.add(d[column]);
      }
      ps.setString(next + 1 + column, values.toString());
    }
    ArrayLiteral credits = new ArrayLiteral();
    changes.keySet().forEach(id -> credits.add(lastCredits.containsKey(id) ? Nanos.of(lastCredits.get(id)) : null));
    ps.setString(next + 7, credits.toString());
  }

  /** The stripe from which the calling thread looks for a free one. */
  static int startStripe() {
    return (int) Math.floorMod(Thread.currentThread().getId(), (long) STRIPES);
  }

  /**
   * Sends the additions in a statement of their own (which locks their rows first), checks the
   * budgets drawn on against everything committed before those locks, and forgets them.
   *
   * @throws LedgerStoreException (transient) if a budget no longer holds what was drawn from it;
   *                              the caller's transaction must roll back
   */
  void write(Connection c) throws SQLException {
    if (isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(WRITE_SQL)) {
      bind(ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant from = drawnFrom.get(rs.getString(1));
          if (from != null) {
            checkBudget(c, rs.getString(1), rs.getLong(2), rs.getLong(3), Nanos.get(rs, "last_credit_at_ns"), from);
          }
        }
      }
    }
    clear();
  }

  /**
   * Writes the additions, checks the budgets and commits the caller's transaction: in one round
   * trip ({@link #WRITE_AND_COMMIT_SQL}), unless a budget drawn on had a credit effective after the
   * unit's draw when it was read (then {@link #write}, then the commit: three).
   *
   * @throws LedgerStoreException (transient) if a budget no longer holds what was drawn from it, or
   *                              a credit effective after a draw came meanwhile; nothing is committed
   */
  @Override
  public void writeAndCommit(Connection c) throws SQLException {
    writeAndCommit(c, JdbcUnitOfWork.DeferredWrites.NONE);
  }

  /**
   * As {@link #writeAndCommit(Connection)}, with the unit's deferred writes {@code first} in the
   * same round trip (before the additions, which are then the last statement before the {@code
   * COMMIT}, so the shared rows are locked the shortest time).
   */
  @Override
  public void writeAndCommit(Connection c, JdbcUnitOfWork.DeferredWrites first) throws SQLException {
    boolean later = drawnFrom.entrySet().stream()
        .anyMatch(e -> creditsSeen.containsKey(e.getKey()) && creditsSeen.get(e.getKey()).isAfter(e.getValue()));
    if (isEmpty()) {
      if (first.isEmpty()) {
        c.commit();
      } else {
        first.send(c, "COMMIT");
      }
      return;
    }
    if (later) {
      if (!first.isEmpty()) {
        first.send(c, "");
      }
      write(c);
      c.commit();
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(first.sql() + WRITE_AND_COMMIT_SQL)) {
      int next = first.bind(c, ps, 1);
      bind(ps, next);
      ps.setString(next + PARAMETERS, ArrayLiteral.ofTexts(drawnFrom.keySet()));
      ArrayLiteral from = new ArrayLiteral();
      drawnFrom.values().forEach(at -> from.add(Nanos.of(at)));
      ps.setString(next + PARAMETERS + 1, from.toString());
      ps.execute();
    } catch (SQLException e) {
      if ("22P02".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains(RECHECK)) {
        String detail = e.getMessage().substring(e.getMessage().indexOf(RECHECK) + RECHECK.length()).replace("\"", "");
        throw new LedgerStoreException("budget " + detail + ": drawn on by other transactions meanwhile, it no "
            + "longer holds what this unit of work took from it, or got a credit effective after the unit's draw; the "
            + "unit is rolled back: run it again", e, true);
      }
      throw e;
    }
    clear();
  }

  /** Forgets everything (once written). */
  void clear() {
    changes.clear();
    systemAccounts.clear();
    lastCredits.clear();
    drawnFrom.clear();
    creditsSeen.clear();
  }

  /**
   * What the ledger requires of a budget after a debit at {@code from}: available at least zero,
   * and no balance as of a later time below zero. The latter reads the entries effective after
   * {@code from} (a statement of its own, so after the lock), and only if a credit was: otherwise
   * no later balance is below the posted one.
   */
  private static void checkBudget(Connection c, String budget, long posted, long pendingDebits,
      Optional<Instant> lastCredit, Instant from) throws SQLException {
    long available = posted - pendingDebits;
    long leastLater = lastCredit.filter(from::isBefore).isEmpty() ? posted
        : posted - RowReader.mostPostedAfter(c, AccountId.of(budget), from, List.of());
    if (available < 0 || leastLater < 0) {
      throw new LedgerStoreException("budget " + budget + " was drawn on by other transactions meanwhile and no "
          + "longer holds what this unit of work took from it (available " + available + ", least balance from "
          + from + " on " + leastLater + "); the unit is rolled back: run it again", null, true);
    }
  }
}
