package dev.loyalty.ledger.jdbc;

/**
 * The SQL texts of the store's hot paths: a command's key lookup, lock and write, the first lots
 * of the wallets it spends from, and a batch's reads. Each is a constant (or built once), so no
 * command builds SQL; several statements that go in one round trip are joined by {@code ;}.
 * Reads that are not on a command's path keep their SQL with their code ({@link RowReader}).
 */
final class LedgerSql {

  private LedgerSql() {}

  /**
   * Planner settings for the statements after the one that applies them, to the end of the ledger
   * transaction ({@code set_config(..., true)} is {@code SET LOCAL}: the host's session keeps its
   * own settings). Every statement of a ledger command or batch finds its rows by key, and an index
   * scan in key order is always right for it; the planner's estimates can pick otherwise on a small
   * or freshly loaded table, or where a wallet's open lots are few by its statistics:
   * <ul>
   *   <li>a sequential scan: auto_explain on the benchmark's 1,000 accounts showed a command's lock
   *       and its balance update each reading all 46 pages of the table under its locks, 0.3-0.4 ms
   *       each, where the index reads 2 rows;
   *   <li>a bitmap scan for a wallet's first lots: it reads and sorts all the wallet's open lots,
   *       where the index, in spend order, stops after the first few; the cost then grows with the
   *       lots a wallet holds.
   * </ul>
   */
  static final String KEYED_ACCESS = "set_config('enable_seqscan', 'off', true), "
      + "set_config('enable_bitmapscan', 'off', true)";

  /**
   * {@link #KEYED_ACCESS} plus generic plans, for single commands: PostgreSQL otherwise plans a
   * statement over an array parameter afresh on every call, because the generic plan's guess of 10
   * elements looks dearer than the custom plan for the 2 a command has. (Not for batches: for their
   * hundreds of ids a plan made for the actual array is better, and its planning is shared.)
   * With these settings and the id drawn as in {@link Locks}, a transfer's lock statement
   * went from about 410 to about 60 µs of server time (pg_stat_statements, as
   * {@code JdbcLedgerProfile} in the examples measures it). Needs PostgreSQL 12 or later.
   */
  static final String COMMAND_PLANNER_SETTINGS = "set_config('plan_cache_mode', 'force_generic_plan', true), "
      + KEYED_ACCESS;

  /**
   * {@link #COMMAND_PLANNER_SETTINGS} alone: the first statement of a lock sent without the key's
   * lookup. Since the lock reads system accounts with their stripes ({@code ledger_account_total}),
   * PostgreSQL otherwise planned it afresh at 29% of its calls (64 µs of server time per activity in
   * the engine's probe).
   */
  static final String SETTINGS_SQL = "SELECT " + COMMAND_PLANNER_SETTINGS;

  /** A command's key lookup, its first statement, which also applies {@link #COMMAND_PLANNER_SETTINGS}. */
  static final String KEY_SQL = "SELECT i.fingerprint, i.transaction_id, i.rejection_code, i.rejection_message "
      + "FROM (SELECT " + COMMAND_PLANNER_SETTINGS + ") AS s LEFT JOIN ledger_idempotency i ON i.key = ?";

  /**
   * The one order in which every transaction locks account rows, so that none waits for another in
   * a circle: wallets, then budgets, then system accounts, each kind by id (a system account's
   * lock is one of its stripe rows, {@link AddedChanges#CTES}). A command in its own
   * transaction locks its wallets and budgets at once and its system accounts as it writes; a
   * command inside a unit of work locks its wallets, and the unit its budgets and system accounts
   * at its end ({@link AddedChanges}).
   */
  static final String LOCK_ORDER = "CASE type WHEN 'WALLET' THEN 0 WHEN 'BUDGET' THEN 1 ELSE 2 END, id";

  /**
   * A command's lock statements, for one way of treating accounts ({@link #OWN_TRANSACTION} or
   * {@link #IN_UNIT}). Each draws the command's transaction id once the locks are held, so that
   * the ids of commands touching the same locked account follow the order they ran in (one id per
   * command, from a CTE that reads all the locked rows first). The accounts' ids are parameters 1
   * and 2 (the same array); the locked accounts' rows are locked, the others read as they are, with
   * their stripes ({@code ledger_account_total}), and their changes added to them later
   * ({@link AddedChanges}).
   *
   * @param lock                the planner settings ({@link #SETTINGS_SQL}), then the lock (and id)
   * @param lockAndFirstLots    {@link #FIRST_LOTS_OF_SQL} after it, in one round trip (the wallets are parameter 3)
   * @param keyAndLock          the key's lookup ({@link #KEY_SQL}) before it
   * @param keyLockAndFirstLots the key's lookup, the lock and the first lots
   */
  record Locks(String lock, String lockAndFirstLots, String keyAndLock, String keyLockAndFirstLots) {
    private static Locks ofLocked(String lockedTypes) {
      String lock = "WITH locked AS (SELECT * FROM ledger_account WHERE id = ANY (?) AND " + lockedTypes
          + " ORDER BY " + LOCK_ORDER + " FOR UPDATE), drawn AS (SELECT nextval('ledger_transaction_id_seq') AS next_id FROM (SELECT "
          + "count(*) FROM locked) AS n) SELECT x.*, drawn.next_id FROM (SELECT * FROM locked UNION ALL SELECT * FROM "
          + "ledger_account_total WHERE id = ANY (?) AND NOT " + lockedTypes + ") AS x CROSS JOIN drawn ORDER BY x.id";
      String lockAndFirstLots = lock + "; " + FIRST_LOTS_OF_SQL;
      return new Locks(SETTINGS_SQL + "; " + lock, SETTINGS_SQL + "; " + lockAndFirstLots, KEY_SQL + "; " + lock,
          KEY_SQL + "; " + lockAndFirstLots);
    }
  }

  /**
   * A command in its own database transaction (and a batch): wallets and budgets are locked,
   * system accounts read, and their changes added to their rows in the command's write.
   */
  static final Locks OWN_TRANSACTION = Locks.ofLocked("type <> 'SYSTEM'");

  /**
   * A command inside a caller's unit of work: wallets are locked; budgets and system accounts are
   * read, and their changes added to their rows at the end of the unit, where a budget a command
   * drew on is locked and checked again ({@link AddedChanges}).
   */
  static final Locks IN_UNIT = Locks.ofLocked("type = 'WALLET'");

  /** The first CTE of a write: the new states of the locked accounts. */
  private static final String APPLY_HEAD = """
      WITH acc AS (
        UPDATE ledger_account a
           SET posted = u.posted, pending_debits = u.pending_debits, pending_credits = u.pending_credits, debt = u.debt,
               inflow = u.inflow, outflow = u.outflow, last_credit_at_ns = u.last_credit
          FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                      ?::numeric[]) AS u(id, posted, pending_debits, pending_credits, debt, inflow, outflow, last_credit)
         WHERE a.id = u.id),
      """;

  /** The CTEs of {@link #apply} that add changes to the accounts that are added to ({@link AddedChanges}). */
  private static final String APPLY_ADDITIONS = AddedChanges.CTES + ",\n";

  /** The transactions of a write, their queue entries for the sealer, and their account entries. */
  private static final String APPLY_TRANSACTIONS = """
      txr AS (
        SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::numeric[], ?::numeric[], ?::bigint[],
                             ?::bigint[], ?::text[], ?::text[]) AS t(i, ty, k, r, e, rec, h, rev, d, ch)),
      tx AS (
        INSERT INTO ledger_transaction (id, type, idempotency_key, reason, effective_at_ns, recorded_at_ns, hold_id, reverses,
                                        detail)
        SELECT i, ty, k, r, e, rec, h, rev, decode(d, 'hex') FROM txr),
      unsealed AS (
        INSERT INTO ledger_unsealed (transaction_id, content_hash) SELECT i, decode(ch, 'hex') FROM txr),
      entry AS (
        INSERT INTO ledger_account_entry (account_id, transaction_id, amount, effective_at_ns)
        SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::numeric[])),
      """;

  /** The lots of a write, as rows: each either new ({@code fresh}: inserted) or changed (updated). */
  private static final String APPLY_LOT_ROWS = """
      lotr AS (
        SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[], ?::numeric[],
                             ?::numeric[], ?::boolean[]) AS l(a, t, i, o, rem, held, exp, cre, fresh)),
      """;

  private static final String APPLY_NEW_LOTS = """
      new_lot AS (
        INSERT INTO ledger_lot (account_id, lot_tx, lot_index, original, remaining, held, expires_at_ns, created_at_ns)
        SELECT a, t, i, o, rem, held, exp, cre FROM lotr WHERE fresh),
      """;

  private static final String APPLY_CHANGED_LOTS = """
      changed_lot AS (
        UPDATE ledger_lot x SET remaining = lotr.rem, held = lotr.held
          FROM lotr WHERE NOT lotr.fresh AND x.account_id = lotr.a AND x.lot_tx = lotr.t AND x.lot_index = lotr.i),
      """;

  /** The last CTE of every write: the keys' outcomes. */
  private static final String APPLY_KEYS = """
      idem AS (
        INSERT INTO ledger_idempotency (key, fingerprint, transaction_id, rejection_code, rejection_message)
        SELECT k, decode(f, 'hex'), t, rc, rm FROM unnest(?::varchar[], ?::text[], ?::bigint[], ?::varchar[], ?::text[])
               AS i(k, f, t, rc, rm))
      SELECT 1
      """;

  /**
   * A command's rows (or a whole batch's) in one statement, one round trip: data-modifying CTEs
   * over arrays. The transaction's detail is its canonical encoding (the bytes its chain link
   * covers), so a transaction is one row plus one {@code ledger_account_entry} row per account,
   * which carries the transaction's effective time for {@link #MOST_POSTED_AFTER_SQL}.
   *
   * <p>The statement holds only the parts a write has rows for ({@link #apply}): each data-modifying
   * part costs the server its executor set-up, the opening and locking of its table and that table's
   * indexes, and its plan nodes, even with no row to write (auto_explain put 15-90 µs of a single
   * command's write into each of them). So the additions to the accounts that are added to rather
   * than locked ({@link AddedChanges#CTES}) are there only when the write has additions (most
   * writes, a transfer between wallets or an award from a budget outside a unit of work, have
   * none); the new lots' insert only when a lot is created (a credit that starts a lot), the changed
   * lots' update only when one is spent or held (a debit from a wallet), neither for a write without
   * lots (a budget-to-system transfer); the transactions' three inserts only when the write has a
   * transaction (a refused command writes its key alone). The parameters of the parts left out are
   * not sent: their order is the parts' order (accounts 8, additions {@link AddedChanges#PARAMETERS},
   * transactions 14, lots 9, keys 5).
   */
  static String apply(boolean additions, boolean transactions, boolean newLots, boolean changedLots, boolean commit) {
    int shape = (additions ? 1 : 0) | (transactions ? 2 : 0) | (newLots ? 4 : 0) | (changedLots ? 8 : 0)
        | (commit ? 16 : 0);
    return APPLY_SHAPES[shape];
  }

  /** Every shape of {@link #apply}, built once. */
  private static final String[] APPLY_SHAPES = new String[32];

  static {
    for (int shape = 0; shape < APPLY_SHAPES.length; shape++) {
      StringBuilder sql = new StringBuilder(APPLY_HEAD);
      if ((shape & 1) != 0) {
        sql.append(APPLY_ADDITIONS);
      }
      if ((shape & 2) != 0) {
        sql.append(APPLY_TRANSACTIONS);
      }
      if ((shape & 12) != 0) {
        sql.append(APPLY_LOT_ROWS);
      }
      if ((shape & 4) != 0) {
        sql.append(APPLY_NEW_LOTS);
      }
      if ((shape & 8) != 0) {
        sql.append(APPLY_CHANGED_LOTS);
      }
      sql.append(APPLY_KEYS);
      if ((shape & 16) != 0) {
        sql.append("; COMMIT");
      }
      APPLY_SHAPES[shape] = sql.toString();
    }
  }

  /**
   * {@code StoreTransaction.mostPostedAfter} in one statement: the account's entries effective
   * after the given time (parameters 1 and 2), with the postings of a batch not written yet
   * (parameters 3 and 4, effective times and amounts; empty arrays for a single command), summed
   * per instant, then running sums from the latest instant back, and the greatest of them (at
   * least 0). The index {@code ledger_account_entry_effective} (account, effective time, with the
   * amount; schema version 6) gives exactly the entries after that time, in time order, without
   * reading the rest of the account's history or any transaction: an index-only scan of the tail.
   * Sums of bigints are numerics in SQL; the result fits a bigint, because every sum of an
   * account's postings lies within its lifetime totals.
   */
  static final String MOST_POSTED_AFTER_SQL = """
      SELECT GREATEST(0, COALESCE(max(later), 0))::bigint FROM (
        SELECT sum(sum(amount)) OVER (ORDER BY effective_at_ns DESC) AS later
          FROM (SELECT effective_at_ns, amount FROM ledger_account_entry
                 WHERE account_id = ? AND effective_at_ns > ? AND amount <> 0
                UNION ALL
                SELECT * FROM unnest(?::numeric[], ?::bigint[])) AS entry
         GROUP BY effective_at_ns) AS by_instant
      """;

  /** Lots a command reads first from a wallet it debits: most debits need one or two. */
  static final int FIRST_LOTS = 4;
  /** Lots read per page after the first. */
  static final int LOT_PAGE = 16;

  /** {@link Lot#SPEND_ORDER} in SQL; the order of the index {@code ledger_lot_spend}. */
  static final String SPEND_ORDER = "COALESCE(expires_at_ns, 1000000000000000000000), lot_tx, lot_index";

  /** The first {@value #FIRST_LOTS} open lots of each wallet among the given accounts, in spend order. */
  static final String FIRST_LOTS_OF_SQL = "SELECT l.* FROM ledger_account a CROSS JOIN LATERAL (SELECT * FROM ledger_lot "
      + "WHERE account_id = a.id AND open ORDER BY " + SPEND_ORDER + " LIMIT " + FIRST_LOTS
      + ") AS l WHERE a.id = ANY (?) AND a.type = 'WALLET'";


  static final String FIRST_OPEN_LOTS_SQL = "SELECT * FROM ledger_lot WHERE account_id = ? AND open ORDER BY "
      + SPEND_ORDER + " LIMIT ?";
  static final String OPEN_LOTS_AFTER_SQL = "SELECT * FROM ledger_lot WHERE account_id = ? AND open AND ("
      + SPEND_ORDER + ") > (?, ?, ?) ORDER BY " + SPEND_ORDER + " LIMIT ?";

  // ---------------------------------------------------------------------------------------------
  // Batches (BatchUnit)

  /** The planner settings for the statements after it ({@link #KEYED_ACCESS}). */
  private static final String BATCH_SETTINGS_SQL = "SELECT " + KEYED_ACCESS;

  /**
   * Up to this many units, a batch plans like a single command (generic plans, see
   * {@link #COMMAND_PLANNER_SETTINGS}): the few commands a group commit gathers would otherwise
   * plan the write statement afresh every time.
   */
  static final int SMALL_BATCH = 32;


  /**
   * The keys' outcomes, as a join with the keys rather than {@code key = ANY (?)} (in a statement
   * log of batches of 100 on ~100k keys: 1.1 ms against 9.4 ms).
   */
  private static final String BATCH_KEYS_SQL = "SELECT i.key, i.fingerprint, i.transaction_id, i.rejection_code, "
      + "i.rejection_message FROM unnest(?::varchar[]) AS k(key) JOIN ledger_idempotency i ON i.key = k.key";

  /**
   * The sorted lock of the wallets and budgets, and the totals of the system accounts (their rows
   * with their stripes), the accounts twice.
   */
  private static final String BATCH_LOCK_SQL = "WITH locked AS (SELECT * FROM ledger_account WHERE id = ANY (?) "
      + "AND type <> 'SYSTEM' ORDER BY " + LOCK_ORDER + " FOR UPDATE) SELECT * FROM locked UNION ALL SELECT * FROM "
      + "ledger_account_total WHERE id = ANY (?) AND type = 'SYSTEM'";

  /** One transaction id per locking unit, drawn once the locks are held (a statement after the lock's). */
  private static final String BATCH_IDS_SQL =
      "SELECT nextval('ledger_transaction_id_seq') FROM generate_series(1, ?) ORDER BY 1";

  /**
   * What a batch sends first, in one round trip: the planner settings, the keys' outcomes, and when
   * units lock, the sorted lock, the ids drawn after it and the first lots of the wallets it spends
   * from. Parameters: the keys, then (when locking) the accounts (twice), the number of ids, the wallets.
   */
  static String batchReads(boolean small, boolean locking) {
    return small ? (locking ? SMALL_BATCH_READ_AND_LOCK_SQL : SMALL_BATCH_READ_ONLY_SQL)
        : (locking ? BATCH_READ_AND_LOCK_SQL : BATCH_READ_ONLY_SQL);
  }

  private static final String BATCH_READ_AND_LOCK_SQL = batchReads(BATCH_SETTINGS_SQL, true);
  private static final String BATCH_READ_ONLY_SQL = batchReads(BATCH_SETTINGS_SQL, false);
  private static final String SMALL_BATCH_READ_AND_LOCK_SQL = batchReads(SETTINGS_SQL, true);
  private static final String SMALL_BATCH_READ_ONLY_SQL = batchReads(SETTINGS_SQL, false);

  private static String batchReads(String settings, boolean locking) {
    return locking ? String.join("; ", settings, BATCH_KEYS_SQL, BATCH_LOCK_SQL, BATCH_IDS_SQL, FIRST_LOTS_OF_SQL)
        : String.join("; ", settings, BATCH_KEYS_SQL);
  }
}
