package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotReservation;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.internal.CanonicalEncoder;
import dev.loyalty.ledger.jdbc.internal.ArrayLiteral;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.ChangeSet;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.Rejection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rows of one or more commands' changes, as columns, and their writing: one statement for a
 * command or a whole batch ({@link LedgerSql#apply}, with the parts it has rows for). Later changes
 * to the same account or lot replace earlier ones, so a batch writes each row once, in its final
 * state. Used by one thread.
 */
final class RowWriter {

  /** Bytes as hex text, for PostgreSQL's {@code decode(x, 'hex')}: a bytea array needs no driver support then. */
  private static final HexFormat HEX = HexFormat.of();

  private final Map<String, AccountState> accounts = new LinkedHashMap<>();
  /** The state each account whose changes are added had when read ({@link AddedChanges}). */
  private final Map<String, AccountState> bases = new HashMap<>();
  /** Whether budgets' changes are added (inside a unit of work) rather than written over their locked rows. */
  private final boolean budgetsAdded;

  /** A writer that adds the changes of system accounts, and with {@code budgetsAdded} those of budgets. */
  RowWriter(boolean budgetsAdded) {
    this.budgetsAdded = budgetsAdded;
  }

  /** Whether {@code state}'s account is read without a lock and its changes added to its row. */
  private boolean isAdded(AccountState state) {
    AccountType type = state.account().type();
    return type == AccountType.SYSTEM || budgetsAdded && type == AccountType.BUDGET;
  }
  private final List<Transaction> transactions = new ArrayList<>();
  /** The content hash of each transaction, in the same order. */
  private final List<Digest> contentHashes = new ArrayList<>();
  private final Map<List<Object>, Lot> lots = new LinkedHashMap<>();
  private final Map<Long, Hold> holds = new LinkedHashMap<>();
  private final List<IdempotencyRecord> keys = new ArrayList<>();

  void add(ChangeSet changes) {
    for (AccountState s : changes.accountStates()) {
      accounts.put(s.id().value(), s);
    }
    changes.transaction().ifPresent(transactions::add);
    changes.contentHash().ifPresent(contentHashes::add);
    for (Lot lot : changes.lots()) {
      lots.put(List.of(lot.account().value(), lot.id().transaction().value(), lot.id().index()), lot);
    }
    for (Hold h : changes.holds()) {
      holds.put(h.id().transaction().value(), h);
    }
    changes.idempotency().ifPresent(keys::add);
  }

  /**
   * Notes the state a command read of an account: a {@code SYSTEM} account's later state is written
   * as the difference to this one. The first read counts.
   */
  void base(AccountState read) {
    if (isAdded(read)) {
      bases.putIfAbsent(read.id().value(), read);
    }
  }

  /** An empty writer for what comes after this one is written: the system accounts' bases are their states here. */
  RowWriter next() {
    RowWriter next = new RowWriter(budgetsAdded);
    next.bases.putAll(bases);
    accounts.forEach((id, state) -> {
      if (isAdded(state)) {
        next.bases.put(id, state);
      }
    });
    return next;
  }

  boolean isEmpty() {
    return accounts.isEmpty() && transactions.isEmpty() && lots.isEmpty() && holds.isEmpty() && keys.isEmpty();
  }

  /**
   * Writes the rows in one statement; with {@code commit}, the transaction's {@code COMMIT} goes in
   * the same round trip (PostgreSQL runs it only if the write succeeded; the driver then sees the
   * transaction ended, and the caller's {@code Connection.commit()} sends nothing). With nothing
   * to write, it sends nothing, and that commit is the caller's.
   */
  void write(Connection c, boolean commit) throws SQLException {
    write(c, commit, new AddedChanges(), false);
  }

  /**
   * {@link #write(Connection, boolean)}, where the changes to accounts that are added to rather
   * than locked ({@link AddedChanges}) join {@code held}: with {@code holdBack} they stay there,
   * for the end of the command or unit (so that no row is locked in the middle of one, against
   * the one lock order), otherwise everything {@code held} has is written too, and it is emptied.
   */
  void write(Connection c, boolean commit, AddedChanges held, boolean holdBack) throws SQLException {
    for (Hold h : holds.values()) {
      upsertHold(c, h);
    }
    if (isEmpty() && (holdBack || held.isEmpty())) {
      return;
    }
    boolean adding = !holdBack && (!held.isEmpty() || accounts.values().stream().anyMatch(this::isAdded));
    Set<Long> written = new HashSet<>();
    for (Transaction tx : transactions) {
      written.add(tx.id().value());
    }
    // created by a transaction written here: inserted; any other lot was read under its account's
    // lock, so its row exists and a plain UPDATE changes it (ON CONFLICT, used before, wrote ~57
    // more bytes of WAL per transfer for the same work)
    boolean newLots = false;
    boolean changedLots = false;
    for (Lot lot : lots.values()) {
      if (written.contains(lot.id().transaction().value())) {
        newLots = true;
      } else {
        changedLots = true;
      }
    }
    boolean writesTransactions = !transactions.isEmpty();
    String sql = LedgerSql.apply(adding, writesTransactions, newLots, changedLots, commit);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Columns col = new Columns(c, ps);
      List<Object> ids = new ArrayList<>();
      List<Object> posted = new ArrayList<>();
      List<Object> pendingDebits = new ArrayList<>();
      List<Object> pendingCredits = new ArrayList<>();
      List<Object> debts = new ArrayList<>();
      List<Object> inflows = new ArrayList<>();
      List<Object> outflows = new ArrayList<>();
      List<Object> lastCredits = new ArrayList<>();
      AddedChanges added = new AddedChanges();
      for (AccountState s : accounts.values()) {
        if (isAdded(s)) {
          AccountState base = bases.get(s.id().value());
          if (base == null) {
            throw new IllegalStateException("account " + s.id() + " changed without having been read");
          }
          added.add(base, s);
          continue;
        }
        ids.add(s.id().value());
        posted.add(s.posted());
        pendingDebits.add(s.pendingDebits());
        pendingCredits.add(s.pendingCredits());
        debts.add(s.debt());
        inflows.add(s.inflow());
        outflows.add(s.outflow());
        lastCredits.add(s.lastCreditAt().map(Nanos::of).orElse(null));
      }
      col.add(ids);
      col.add(posted);
      col.add(pendingDebits);
      col.add(pendingCredits);
      col.add(debts);
      col.add(inflows);
      col.add(outflows);
      col.add(lastCredits);
      for (Transaction tx : transactions) {
        for (Posting p : tx.postings()) {
          drawsOnBudget(p, tx, added);
        }
        for (Posting p : tx.pending()) {
          drawsOnBudget(p, tx, added);
        }
      }
      held.addAll(added);
      if (adding) {
        col.addDeltas(held);
      }
      List<Object> tId = new ArrayList<>();
      List<Object> tType = new ArrayList<>();
      List<Object> tKey = new ArrayList<>();
      List<Object> tReason = new ArrayList<>();
      List<Object> tEffective = new ArrayList<>();
      List<Object> tRecorded = new ArrayList<>();
      List<Object> tHold = new ArrayList<>();
      List<Object> tReverses = new ArrayList<>();
      List<Object> tDetail = new ArrayList<>();
      List<Object> tContent = new ArrayList<>();
      List<Object> eAccount = new ArrayList<>();
      List<Object> eTx = new ArrayList<>();
      List<Object> eAmount = new ArrayList<>();
      List<Object> eEffective = new ArrayList<>();
      CanonicalEncoder encoder = CanonicalEncoder.forThisThread();
      for (Transaction tx : transactions) {
        tId.add(tx.id().value());
        tType.add(tx.type().name());
        tKey.add(tx.key().value());
        tReason.add(tx.reason());
        java.math.BigDecimal effective = Nanos.of(tx.effectiveAt());
        tEffective.add(effective);
        tRecorded.add(Nanos.of(tx.recordedAt()));
        tHold.add(tx.hold().map(h -> h.transaction().value()).orElse(null));
        tReverses.add(tx.reverses().map(TransactionId::value).orElse(null));
        tDetail.add(HEX.formatHex(encoder.encode(tx)));
        tContent.add(contentHashes.get(tId.size() - 1).toHex());
        for (Map.Entry<String, Long> e : netAmounts(tx).entrySet()) {
          eAccount.add(e.getKey());
          eTx.add(tx.id().value());
          eAmount.add(e.getValue());
          eEffective.add(effective);
        }
      }
      if (writesTransactions) {
        col.add(tId);
        col.add(tType);
        col.add(tKey);
        col.add(tReason);
        col.add(tEffective);
        col.add(tRecorded);
        col.add(tHold);
        col.add(tReverses);
        col.add(tDetail);
        col.add(tContent);
        col.add(eAccount);
        col.add(eTx);
        col.add(eAmount);
        col.add(eEffective);
      }
      List<Object> lAccount = new ArrayList<>();
      List<Object> lTx = new ArrayList<>();
      List<Object> lIndex = new ArrayList<>();
      List<Object> lOriginal = new ArrayList<>();
      List<Object> lRemaining = new ArrayList<>();
      List<Object> lHeld = new ArrayList<>();
      List<Object> lExpires = new ArrayList<>();
      List<Object> lCreated = new ArrayList<>();
      List<Object> lFresh = new ArrayList<>();
      for (Lot lot : lots.values()) {
        lFresh.add(written.contains(lot.id().transaction().value()));
        lAccount.add(lot.account().value());
        lTx.add(lot.id().transaction().value());
        lIndex.add(lot.id().index());
        lOriginal.add(lot.original());
        lRemaining.add(lot.remaining());
        lHeld.add(lot.held());
        lExpires.add(lot.expiresAt().map(Nanos::of).orElse(null));
        lCreated.add(Nanos.of(lot.createdAt()));
      }
      if (newLots || changedLots) {
        col.add(lAccount);
        col.add(lTx);
        col.add(lIndex);
        col.add(lOriginal);
        col.add(lRemaining);
        col.add(lHeld);
        col.add(lExpires);
        col.add(lCreated);
        col.add(lFresh);
      }
      List<Object> iKey = new ArrayList<>();
      List<Object> iFingerprint = new ArrayList<>();
      List<Object> iTx = new ArrayList<>();
      List<Object> iCode = new ArrayList<>();
      List<Object> iMessage = new ArrayList<>();
      for (IdempotencyRecord r : keys) {
        iKey.add(r.key().value());
        iFingerprint.add(r.fingerprint().toHex());
        iTx.add(r.transaction().map(TransactionId::value).orElse(null));
        iCode.add(r.rejection().map(x -> x.code().name()).orElse(null));
        iMessage.add(r.rejection().map(Rejection::message).orElse(null));
      }
      col.add(iKey);
      col.add(iFingerprint);
      col.add(iTx);
      col.add(iCode);
      col.add(iMessage);
      ps.execute();
    }
    if (!holdBack) {
      held.clear();
    }
  }

/**
 * Binds one column of values as a SQL array parameter, in the array's text form ({@link
 * ArrayLiteral}; the statement casts each to its type).
 */
private static final class Columns {
  private final Connection c;
  private final PreparedStatement ps;
  private int index;

  Columns(Connection c, PreparedStatement ps) {
    this.c = c;
    this.ps = ps;
  }

  void add(List<?> values) throws SQLException {
    ps.setString(++index, ArrayLiteral.of(values));
  }

  void addDeltas(AddedChanges deltas) throws SQLException {
    deltas.bind(ps, index + 1);
    index += AddedChanges.PARAMETERS;
  }
}

  /** Notes a debit (or a hold) of a budget whose changes are added, to be checked again once its row is locked. */
  private void drawsOnBudget(Posting p, Transaction tx, AddedChanges added) {
    AccountState state = accounts.get(p.account().value());
    if (p.amount() < 0 && state != null && state.account().type() == AccountType.BUDGET && isAdded(state)) {
      added.drawn(p.account().value(), tx.effectiveAt());
    }
  }

  /** Per account the transaction touched (posted or pending), the net amount it posted there. */
  /** What {@code tx} posts to each account it names, by account id: its entry rows' amounts (0 where it only holds or releases). */
  static Map<String, Long> netAmounts(Transaction tx) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Posting p : tx.postings()) {
      out.merge(p.account().value(), p.amount(), Math::addExact);
    }
    for (Posting p : tx.pending()) {
      out.putIfAbsent(p.account().value(), 0L);
    }
    return out;
  }

  static void insertAccounts(Connection c, List<Account> accounts) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_account "
        + "(id, type, opened_at_ns, posted, pending_debits, pending_credits, debt, inflow, outflow) "
        + "VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0)")) {
      for (Account a : accounts) {
        ps.setString(1, a.id().value());
        ps.setString(2, a.type().name());
        ps.setBigDecimal(3, Nanos.of(a.openedAt()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void upsertHold(Connection c, Hold h) throws SQLException {
    boolean isNew;
    try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_hold SET status = ?, posted_amount = ?, resolved_by = ? "
        + "WHERE id = ?")) {
      ps.setString(1, h.status().name());
      ps.setLong(2, h.postedAmount());
      setOptionalLong(ps, 3, h.resolvedBy().map(TransactionId::value));
      ps.setLong(4, h.id().transaction().value());
      isNew = ps.executeUpdate() == 0;
    }
    if (!isNew) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_hold (id, from_account, to_account, amount, "
        + "to_expiry, to_expiry_at_ns, timeout_at_ns, status, posted_amount, resolved_by, created_at_ns) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, h.id().transaction().value());
      ps.setString(2, h.from().value());
      ps.setString(3, h.to().value());
      ps.setLong(4, h.amount());
      ps.setString(5, h.toExpiry() instanceof Expiry.At ? "AT" : h.toExpiry() == Expiry.carried() ? "CARRIED" : "NEVER");
      Nanos.set(ps, 6, h.toExpiry() instanceof Expiry.At at ? Optional.of(at.instant()) : Optional.empty());
      Nanos.set(ps, 7, h.timeoutAt());
      ps.setString(8, h.status().name());
      ps.setLong(9, h.postedAmount());
      setOptionalLong(ps, 10, h.resolvedBy().map(TransactionId::value));
      ps.setBigDecimal(11, Nanos.of(h.createdAt()));
      ps.executeUpdate();
    }
    if (!h.reservations().isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO ledger_hold_reservation (hold_id, seq, lot_tx, lot_index, amount) VALUES (?, ?, ?, ?, ?)")) {
        for (int i = 0; i < h.reservations().size(); i++) {
          LotReservation r = h.reservations().get(i);
          ps.setLong(1, h.id().transaction().value());
          ps.setInt(2, i);
          ps.setLong(3, r.lot().transaction().value());
          ps.setInt(4, r.lot().index());
          ps.setLong(5, r.amount());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private static void setOptionalLong(PreparedStatement ps, int index, Optional<Long> value) throws SQLException {
    if (value.isPresent()) {
      ps.setLong(index, value.get());
    } else {
      ps.setNull(index, Types.BIGINT);
    }
  }
}
