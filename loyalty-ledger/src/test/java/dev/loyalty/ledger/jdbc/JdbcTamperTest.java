package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.AuditFinding;
import dev.loyalty.ledger.ChainVerification;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.TestClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an outside attack did to the PostgreSQL store's columns, and what now shows it. (The
 * contract suite's TamperEvidence and Audit cases run here too, through JdbcLedgerStoreTest.)
 */
class JdbcTamperTest {

  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId WALLET = AccountId.of("wallet:w");

  private JdbcLedgerStore store;
  private Ledger ledger;

  @BeforeEach
  void setUp() {
    store = PostgresFixture.freshStore();
    ledger = Ledger.using(store, new TestClock());
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(WALLET, AccountType.WALLET);
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = PostgresFixture.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private Transaction earn(String key, long points) {
    return ledger.transfer(TransferRequest.of(IdempotencyKey.of(key), "earn", Entry.debit(ISSUANCE, points),
        Entry.credit(WALLET, points)));
  }

  @Test
  void aClearedReversesColumnNoLongerPassesVerify() throws SQLException {
    Transaction invoice = earn("inv", 100);
    Transaction refund = ledger.reverse(ReversalRequest.of(IdempotencyKey.of("ret"), invoice.id(), "return"));
    earn("more", 100);
    sql("UPDATE ledger_transaction SET reverses = NULL WHERE id = " + refund.id().value());
    // the column is what finds an original's reversals, so a second refund now goes through; before
    // version 5 verify() still said intact
    ledger.reverse(ReversalRequest.of(IdempotencyKey.of("ret-again"), invoice.id(), "return"));
    ChainVerification v = ledger.verify();
    assertThat(v.intact()).isFalse();
    assertThat(v.brokenAt()).contains(2L);
    assertThat(v.transaction()).contains(refund.id());
    assertThat(v.detail()).contains("reverses holds NULL");
    assertThat(ledger.audit().findings()).anySatisfy(f -> assertThat(f.kind()).isEqualTo(AuditFinding.Kind.REVERSAL));
  }

  @Test
  void theLatestUnsealedRowsCannotBeEditedOrDeletedUnseen() throws SQLException {
    List<Transaction> earned = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      earned.add(earn("e" + i, 10));
    }
    assertThat(store.sealEvery()).isGreaterThan(10); // none of them is sealed yet
    // the ninth transaction, whatever its id (whether opening an account draws one from the
    // sequence depends on the plan PostgreSQL picked for the lock statement on that connection)
    sql("UPDATE ledger_transaction SET reason = 'forged' WHERE id = " + earned.get(8).id().value());
    ChainVerification edited = ledger.verify();
    assertThat(edited.intact()).isFalse();
    assertThat(edited.brokenAt()).contains(9L);
  }

  @Test
  void aRowDeletedWithItsQueueEntryBeforeSealingIsFoundByTheAuditNotByTheChain() throws SQLException {
    earn("a", 10);
    Transaction gone = earn("b", 20);
    sql("DELETE FROM ledger_unsealed WHERE transaction_id = " + gone.id().value());
    sql("DELETE FROM ledger_transaction WHERE id = " + gone.id().value());
    assertThat(ledger.verify().intact()).as("the chain never saw it").isTrue();
    assertThat(ledger.audit().findings()).extracting(AuditFinding::kind)
        .contains(AuditFinding.Kind.ACCOUNT, AuditFinding.Kind.LOT);
  }

  /**
   * Each account's entry rows copy the amount the transaction posted to it and its effective time,
   * for the as-of check (a backdated debit may not take what came later). An edit of those copies
   * would let through a debit the journal refuses; the audit compares them with the journal.
   */
  @Test
  void anEntryRowsCopiedAmountEditedIsFoundByTheAudit() throws SQLException {
    earn("a", 10);
    Transaction edited = earn("b", 20);
    assertThat(ledger.audit().isClean()).isTrue();
    sql("UPDATE ledger_account_entry SET amount = 2000 WHERE transaction_id = " + edited.id().value()
        + " AND account_id = 'wallet:w'");
    assertThat(ledger.audit().findings()).anySatisfy(f -> {
      assertThat(f.kind()).isEqualTo(AuditFinding.Kind.HISTORY);
      assertThat(f.subject()).contains("wallet:w");
      assertThat(f.detail()).contains(edited.id().toString()).contains("2000").contains("20");
    });
  }

  @Test
  void anEntryRowsCopiedEffectiveTimeEditedIsFoundByTheAudit() throws SQLException {
    Transaction edited = earn("a", 10);
    sql("UPDATE ledger_account_entry SET effective_at_ns = effective_at_ns + 86400000000000 WHERE transaction_id = "
        + edited.id().value() + " AND account_id = 'system:issuance'");
    assertThat(ledger.audit().findings()).anySatisfy(f -> {
      assertThat(f.kind()).isEqualTo(AuditFinding.Kind.HISTORY);
      assertThat(f.subject()).contains("system:issuance");
      assertThat(f.detail()).contains(edited.id().toString()).contains("effective");
    });
  }
}
