package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.LotReservation;
import dev.loyalty.ledger.RejectionCode;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.internal.CanonicalDecoder;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.LedgerStoreException;
import dev.loyalty.ledger.spi.Rejection;
import dev.loyalty.ledger.spi.Seal;
import dev.loyalty.ledger.spi.StoredTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading rows back into the ledger's values, on a connection the caller holds (inside a unit of
 * work, or a read transaction): accounts, lots, holds, transactions, seals and keys' outcomes.
 * Stateless.
 */
final class RowReader {

  private RowReader() {}

  static AccountState accountState(ResultSet rs) throws SQLException {
    Account account = new Account(AccountId.of(rs.getString("id")), AccountType.valueOf(rs.getString("type")),
        Nanos.instant(rs, "opened_at_ns"));
    return new AccountState(account, rs.getLong("posted"), rs.getLong("pending_debits"), rs.getLong("pending_credits"),
        rs.getLong("debt"), rs.getLong("inflow"), rs.getLong("outflow"), Nanos.get(rs, "last_credit_at_ns"));
  }

  /** The transactions that posted to {@code account} and are effective after {@code after}. */
  static List<Transaction> historyEffectiveAfter(Connection c, AccountId account, Instant after) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT e.transaction_id FROM ledger_account_entry e "
        + "JOIN ledger_transaction t ON t.id = e.transaction_id "
        + "WHERE e.account_id = ? AND e.amount <> 0 AND t.effective_at_ns > ? ORDER BY e.transaction_id")) {
      ps.setString(1, account.value());
      ps.setBigDecimal(2, Nanos.of(after));
      return List.copyOf(transactions(c, longs(ps)).values());
    }
  }

  /**
   * {@code StoreTransaction.mostPostedAfter} of {@code account} from {@code from}, over its
   * committed entries and the postings {@code pending} (effective time and amount per posting; a
   * batch's, not written yet), in one statement ({@link LedgerSql#MOST_POSTED_AFTER_SQL}).
   */
  static long mostPostedAfter(Connection c, AccountId account, Instant from, List<Transaction> pending)
      throws SQLException {
    List<Object> times = new ArrayList<>(pending.size());
    List<Object> amounts = new ArrayList<>(pending.size());
    for (Transaction tx : pending) {
      times.add(Nanos.of(tx.effectiveAt()));
      amounts.add(tx.amountFor(account));
    }
    try (PreparedStatement ps = c.prepareStatement(LedgerSql.MOST_POSTED_AFTER_SQL)) {
      ps.setString(1, account.value());
      ps.setBigDecimal(2, Nanos.of(from));
      ps.setArray(3, c.createArrayOf("numeric", times.toArray()));
      ps.setArray(4, c.createArrayOf("bigint", amounts.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static Lot lotFrom(ResultSet rs) throws SQLException {
    return new Lot(new LotId(TransactionId.of(rs.getLong("lot_tx")), rs.getInt("lot_index")),
        AccountId.of(rs.getString("account_id")), rs.getLong("original"), rs.getLong("remaining"), rs.getLong("held"),
        Nanos.get(rs, "expires_at_ns"), Nanos.instant(rs, "created_at_ns"));
  }

  static List<Lot> lots(Connection c, AccountId wallet, boolean includeSpent) throws SQLException {
    String sql = "SELECT * FROM ledger_lot WHERE account_id = ?" + (includeSpent ? "" : " AND open")
        + " ORDER BY " + LedgerSql.SPEND_ORDER;
    List<Lot> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, wallet.value());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(lotFrom(rs));
        }
      }
    }
    return out;
  }

  /** Up to {@code limit} of a wallet's open lots in spend order, after {@code after} (null: from the start). */
  static List<Lot> openLotsAfter(Connection c, AccountId wallet, Lot after, int limit) throws SQLException {
    List<Lot> out = new ArrayList<>(limit);
    try (PreparedStatement ps = c.prepareStatement(after == null ? LedgerSql.FIRST_OPEN_LOTS_SQL : LedgerSql.OPEN_LOTS_AFTER_SQL)) {
      int i = 0;
      ps.setString(++i, wallet.value());
      if (after != null) {
        ps.setBigDecimal(++i, after.expiresAt().map(Nanos::of).orElse(Nanos.NEVER));
        ps.setLong(++i, after.id().transaction().value());
        ps.setInt(++i, after.id().index());
      }
      ps.setInt(++i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(lotFrom(rs));
        }
      }
    }
    return out;
  }

  static Optional<Lot> lot(Connection c, AccountId wallet, LotId id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM ledger_lot WHERE account_id = ? AND lot_tx = ? AND lot_index = ?")) {
      ps.setString(1, wallet.value());
      ps.setLong(2, id.transaction().value());
      ps.setInt(3, id.index());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(lotFrom(rs)) : Optional.empty();
      }
    }
  }

  /** The reversals of {@code original}, oldest first. */
  static List<Transaction> reversalsOf(Connection c, TransactionId original) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM ledger_transaction WHERE reverses = ? ORDER BY id")) {
      ps.setLong(1, original.value());
      return List.copyOf(transactions(c, longs(ps)).values());
    }
  }

  static Optional<Hold> hold(Connection c, HoldId id) throws SQLException {
    List<Hold> holds = holds(c, "WHERE id = ?", ps -> ps.setLong(1, id.transaction().value()));
    return holds.isEmpty() ? Optional.empty() : Optional.of(holds.get(0));
  }

  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  static List<Hold> holds(Connection c, String where, Binder binder) throws SQLException {
    Map<Long, List<LotReservation>> reservations = new HashMap<>();
    List<Hold> out = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM ledger_hold " + where + " ORDER BY id")) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String kind = rs.getString("to_expiry");
          Expiry toExpiry = switch (kind) {
            case "AT" -> Expiry.at(Nanos.instant(rs, "to_expiry_at_ns"));
            case "CARRIED" -> Expiry.carried();
            default -> Expiry.never();
          };
          rows.add(new Object[] {rs.getLong("id"), rs.getString("from_account"), rs.getString("to_account"),
              rs.getLong("amount"), toExpiry, Nanos.get(rs, "timeout_at_ns"), HoldStatus.valueOf(rs.getString("status")),
              rs.getLong("posted_amount"), optionalLong(rs, "resolved_by"), Nanos.instant(rs, "created_at_ns")});
        }
      }
    }
    if (rows.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM ledger_hold_reservation WHERE hold_id = ANY (?) ORDER BY hold_id, seq")) {
      ps.setArray(1, c.createArrayOf("bigint", rows.stream().map(r -> r[0]).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reservations.computeIfAbsent(rs.getLong("hold_id"), k -> new ArrayList<>()).add(new LotReservation(
              new LotId(TransactionId.of(rs.getLong("lot_tx")), rs.getInt("lot_index")), rs.getLong("amount")));
        }
      }
    }
    for (Object[] r : rows) {
      long id = (Long) r[0];
      @SuppressWarnings("unchecked")
      Optional<Instant> timeout = (Optional<Instant>) r[5];
      @SuppressWarnings("unchecked")
      Optional<Long> resolvedBy = (Optional<Long>) r[8];
      out.add(new Hold(HoldId.of(id), AccountId.of((String) r[1]), AccountId.of((String) r[2]), (Long) r[3],
          (Expiry) r[4], timeout, reservations.getOrDefault(id, List.of()), (HoldStatus) r[6], (Long) r[7],
          resolvedBy.map(TransactionId::of), (Instant) r[9]));
    }
    return out;
  }

  /**
   * An account's history from its entry rows ({@code transaction_id, amount, effective_at_ns}, in
   * transaction order), each transaction decoded from its detail. An entry row copies the amount
   * the transaction posts to the account and its effective time, for the as-of check
   * ({@link LedgerSql#MOST_POSTED_AFTER_SQL}); neither copy is covered by the chain, so a copy that
   * disagrees with the transaction fails the read, naming both (which {@code Ledger.audit()} reports
   * as a finding on the account's history): the as-of check would otherwise decide on it unseen.
   */
  static List<Transaction> history(Connection c, AccountId account, PreparedStatement entries) throws SQLException {
    List<Long> ids = new ArrayList<>();
    List<Long> amounts = new ArrayList<>();
    List<java.math.BigDecimal> effective = new ArrayList<>();
    try (ResultSet rs = entries.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
        amounts.add(rs.getLong(2));
        effective.add(rs.getBigDecimal(3));
      }
    }
    Map<Long, Transaction> read = transactions(c, ids);
    List<Transaction> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      Transaction tx = read.get(ids.get(i));
      if (tx == null) {
        continue; // an entry without its transaction: the audit finds the history longer than the journal's
      }
      long posted = RowWriter.netAmounts(tx).getOrDefault(account.value(), 0L);
      if (posted != amounts.get(i) || effective.get(i).compareTo(Nanos.of(tx.effectiveAt())) != 0) {
        throw new LedgerStoreException("the entry row of " + tx.id() + " in " + account + " disagrees with the "
            + "transaction: it holds amount " + amounts.get(i) + " effective at " + effective.get(i) + " ns, the "
            + "transaction posts " + posted + " effective at " + Nanos.of(tx.effectiveAt()) + " ns", null, false);
      }
      out.add(tx);
    }
    return List.copyOf(out);
  }

  /**
   * Loads whole transactions by id, in id order, each decoded from its detail (its canonical
   * encoding). A row that cannot be decoded fails the read with a non-transient
   * {@link LedgerStoreException} naming it; {@link #stored} reads such rows without failing.
   */
  static Map<Long, Transaction> transactions(Connection c, List<Long> ids) throws SQLException {
    Map<Long, Transaction> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, detail FROM ledger_transaction WHERE id = ANY (?) ORDER BY id")) {
      ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          try {
            out.put(id, CanonicalDecoder.transaction(rs.getBytes(2)));
          } catch (RuntimeException unreadable) {
            throw new LedgerStoreException("the journal row of T" + id + " cannot be read: " + unreadable.getMessage()
                + " (Ledger.verify() reports it)", unreadable, false);
          }
        }
      }
    }
    return out;
  }

  static List<Long> longs(PreparedStatement ps) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  static Seal seal(ResultSet rs) throws SQLException {
    byte[] content = rs.getBytes("content_hash");
    return new Seal(rs.getLong("position"), TransactionId.of(rs.getLong("transaction_id")),
        content == null ? Optional.empty() : Optional.of(Digest.of(content)), Digest.of(rs.getBytes("hash")));
  }

  /**
   * The journal rows of {@code ids} as stored: each decoded from its detail, and checked against
   * the columns kept beside it (type, key, reason, times, hold, reversal), so that an edit of a
   * column the ledger decides with shows even though the detail is intact. A row that cannot be
   * decoded, or whose columns disagree, is named as broken; rows that do not exist are left out.
   */
  static Map<TransactionId, StoredTransaction> stored(Connection c, String where, Binder binder) throws SQLException {
    Map<TransactionId, StoredTransaction> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, type, idempotency_key, reason, effective_at_ns, "
        + "recorded_at_ns, hold_id, reverses, detail FROM ledger_transaction " + where)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TransactionId id = TransactionId.of(rs.getLong("id"));
          out.put(id, storedRow(rs, id));
        }
      }
    }
    return out;
  }

  private static StoredTransaction storedRow(ResultSet rs, TransactionId id) throws SQLException {
    byte[] detail = rs.getBytes("detail");
    if (detail == null) {
      return StoredTransaction.broken(id, "the row has no detail");
    }
    Transaction tx;
    try {
      tx = CanonicalDecoder.transaction(detail);
    } catch (RuntimeException unreadable) {
      return StoredTransaction.broken(id, "its detail cannot be decoded: " + unreadable.getMessage());
    }
    List<String> disagree = new ArrayList<>();
    agree(disagree, "id", id.value(), tx.id().value());
    agree(disagree, "type", rs.getString("type"), tx.type().name());
    agree(disagree, "idempotency_key", rs.getString("idempotency_key"), tx.key().value());
    agree(disagree, "reason", rs.getString("reason"), tx.reason());
    agree(disagree, "effective_at_ns", rs.getBigDecimal("effective_at_ns"), Nanos.of(tx.effectiveAt()));
    agree(disagree, "recorded_at_ns", rs.getBigDecimal("recorded_at_ns"), Nanos.of(tx.recordedAt()));
    agree(disagree, "hold_id", optionalLong(rs, "hold_id"), tx.hold().map(h -> h.transaction().value()));
    agree(disagree, "reverses", optionalLong(rs, "reverses"), tx.reverses().map(TransactionId::value));
    // the detail is what the chain covers: the transaction is read from it, and the disagreement named
    return disagree.isEmpty() ? StoredTransaction.ok(tx)
        : new StoredTransaction(id, Optional.of(tx), Optional.of("its columns disagree with its detail: "
            + String.join("; ", disagree)));
  }

  private static void agree(List<String> disagree, String column, Object stored, Object detail) {
    boolean same = stored instanceof java.math.BigDecimal a && detail instanceof java.math.BigDecimal b
        ? a.compareTo(b) == 0 : java.util.Objects.equals(stored, detail);
    if (!same) {
      disagree.add(column + " holds " + show(stored) + ", the detail " + show(detail));
    }
  }

  private static String show(Object value) {
    return value instanceof Optional<?> o ? o.map(Object::toString).orElse("NULL") : String.valueOf(value);
  }

  /**
   * A key's outcome from a row with its columns ({@code fingerprint}, {@code transaction_id},
   * {@code rejection_code}, {@code rejection_message}); empty when the row has no fingerprint (the
   * outer join of a key never used).
   */
  static Optional<IdempotencyRecord> idempotencyRecord(ResultSet rs, IdempotencyKey key) throws SQLException {
    byte[] fingerprint = rs.getBytes("fingerprint");
    if (fingerprint == null) {
      return Optional.empty();
    }
    Optional<TransactionId> tx = optionalLong(rs, "transaction_id").map(TransactionId::of);
    String code = rs.getString("rejection_code");
    Optional<Rejection> rejection = code == null ? Optional.empty()
        : Optional.of(new Rejection(RejectionCode.valueOf(code), rs.getString("rejection_message")));
    return Optional.of(new IdempotencyRecord(key, Digest.of(fingerprint), tx, rejection));
  }

  static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }
}
