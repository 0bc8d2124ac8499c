package dev.loyalty.ledger.jdbc;

import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.Tampering;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Applies a {@link Tampering} to the PostgreSQL store with plain SQL, as someone with database access could. */
final class JdbcTampering {

  private JdbcTampering() {}

  static void apply(LedgerStore store, Tampering tampering) {
    JdbcLedgerStore s = (JdbcLedgerStore) store;
    if (tampering instanceof Tampering.EditTransaction t) {
      s.tamperWithTransaction(t.id(), t.change());
    } else if (tampering instanceof Tampering.DeleteTransaction t) {
      sql("DELETE FROM ledger_transaction WHERE id = ?", t.id().value());
    } else if (tampering instanceof Tampering.DamageTransaction t) {
      sql("UPDATE ledger_transaction SET detail = substring(detail FROM 1 FOR 12) WHERE id = ?", t.id().value());
    } else if (tampering instanceof Tampering.UnlinkReversal t) {
      sql("UPDATE ledger_transaction SET reverses = NULL WHERE id = ?", t.reversal().value());
    } else if (tampering instanceof Tampering.EditAccount t) {
      AccountState a = t.change().apply(s.accountState(t.id()).orElseThrow());
      // the edited totals in the account's row, its stripes (a system account's) emptied
      sql("WITH emptied AS (UPDATE ledger_account_stripe SET posted = 0, pending_debits = 0, pending_credits = 0, "
          + "debt = 0, inflow = 0, outflow = 0 WHERE account_id = ?) UPDATE ledger_account SET posted = ?, "
          + "pending_debits = ?, pending_credits = ?, debt = ?, inflow = ?, outflow = ? WHERE id = ?", a.id().value(),
          a.posted(), a.pendingDebits(), a.pendingCredits(), a.debt(), a.inflow(), a.outflow(), a.id().value());
    } else if (tampering instanceof Tampering.EditHold t) {
      Hold h = t.change().apply(s.hold(t.id()).orElseThrow());
      sql("UPDATE ledger_hold SET status = ?, posted_amount = ?, resolved_by = ? WHERE id = ?", h.status().name(),
          h.postedAmount(), h.resolvedBy().map(TransactionId::value).orElse(null), h.id().transaction().value());
    } else if (tampering instanceof Tampering.EditLot t) {
      Lot lot = t.change().apply(s.lots(t.wallet(), true).stream().filter(l -> l.id().equals(t.id())).findFirst()
          .orElseThrow());
      sql("UPDATE ledger_lot SET original = ?, remaining = ?, held = ? WHERE account_id = ? AND lot_tx = ? "
          + "AND lot_index = ?", lot.original(), lot.remaining(), lot.held(), t.wallet().value(),
          t.id().transaction().value(), t.id().index());
    } else if (tampering instanceof Tampering.ForgetKey t) {
      sql("DELETE FROM ledger_idempotency WHERE key = ?", t.key().value());
    }
  }

  private static void sql(String statement, Object... values) {
    try (Connection c = PostgresFixture.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          ps.setNull(i + 1, Types.BIGINT);
        } else {
          ps.setObject(i + 1, values[i]);
        }
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("tampering failed: " + statement, e);
    }
  }
}
