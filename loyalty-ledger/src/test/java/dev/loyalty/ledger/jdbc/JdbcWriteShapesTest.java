package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.CommandResult;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write statement holds only the parts it has rows for ({@link LedgerSql#apply}): the new lots'
 * insert only with a new lot, the changed lots' update only with a spent lot, neither without lots,
 * the transactions' inserts only with a transaction, the additions only with additions. Each case
 * checks the statement sent and that every row it had to write was written (the parameters of the
 * parts left out are not sent, so a part left out or bound in the wrong place shows as a missing
 * lot, a wrong balance or a failed statement).
 */
class JdbcWriteShapesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant EXPIRY = Instant.parse("2027-12-31T00:00:00Z");
  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId BUDGET = AccountId.of("budget:campaign");
  private static final AccountId A = AccountId.of("wallet:a");
  private static final AccountId B = AccountId.of("wallet:b");

  private SentStatements sent;
  private Ledger ledger;

  @BeforeEach
  void fresh() {
    PostgresFixture.freshStore();
    sent = new SentStatements(PostgresFixture.dataSource());
    ledger = Ledger.using(JdbcLedgerStore.using(sent.dataSource()), new TestClock(T0));
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(BUDGET, AccountType.BUDGET);
    ledger.openAccount(A, AccountType.WALLET);
    ledger.openAccount(B, AccountType.WALLET);
  }

  /** The write statements sent since the last call, each once. */
  private List<String> writes() {
    List<String> writes = sent.sent().stream().filter(s -> s.startsWith("WITH acc AS")).toList();
    sent.clear();
    return writes;
  }

  private static TransferRequest transfer(String key, AccountId from, AccountId to, long points, Expiry expiry) {
    return TransferRequest.of(IdempotencyKey.of(key), "test", Entry.debit(from, points), Entry.credit(to, points, expiry));
  }

  /** Every shape's parameters are its parts' (no database): a part joined without its parameters, or the other way, shows. */
  @Test
  void everyShapeHasItsPartsAndTheirParameters() {
    for (int shape = 0; shape < 32; shape++) {
      boolean additions = (shape & 1) != 0;
      boolean transactions = (shape & 2) != 0;
      boolean newLots = (shape & 4) != 0;
      boolean changedLots = (shape & 8) != 0;
      boolean commit = (shape & 16) != 0;
      String sql = LedgerSql.apply(additions, transactions, newLots, changedLots, commit);
      int expected = 8 + (additions ? AddedChanges.PARAMETERS : 0) + (transactions ? 14 : 0)
          + (newLots || changedLots ? 9 : 0) + 5;
      assertThat(sql.chars().filter(ch -> ch == '?').count()).as("parameters of shape %d", shape).isEqualTo(expected);
      assertThat(sql.contains("INSERT INTO ledger_transaction")).as("shape %d", shape).isEqualTo(transactions);
      assertThat(sql.contains("INSERT INTO ledger_unsealed")).as("shape %d", shape).isEqualTo(transactions);
      assertThat(sql.contains("INSERT INTO ledger_account_entry")).as("shape %d", shape).isEqualTo(transactions);
      assertThat(sql.contains("INSERT INTO ledger_lot")).as("shape %d", shape).isEqualTo(newLots);
      assertThat(sql.contains("UPDATE ledger_lot")).as("shape %d", shape).isEqualTo(changedLots);
      assertThat(sql.contains("added_")).as("shape %d", shape).isEqualTo(additions);
      assertThat(sql.endsWith("; COMMIT")).as("shape %d", shape).isEqualTo(commit);
      assertThat(sql).startsWith("WITH acc AS").contains("INSERT INTO ledger_idempotency");
    }
  }

  @Test
  void aWriteWithoutLotsLeavesTheLotPartsOut() {
    sent.clear();
    ledger.transfer(transfer("fund", ISSUANCE, BUDGET, 1_000, Expiry.never()));
    List<String> writes = writes();
    assertThat(writes).hasSize(1);
    assertThat(writes.get(0)).contains("INSERT INTO ledger_transaction", "added_")
        .doesNotContain("lotr", "new_lot", "changed_lot");
    assertThat(ledger.balance(BUDGET).posted()).isEqualTo(1_000);
    assertThat(ledger.balance(ISSUANCE).posted()).isEqualTo(-1_000);
  }

  @Test
  void anAwardInsertsItsLotAndUpdatesNone() {
    ledger.transfer(transfer("fund", ISSUANCE, BUDGET, 1_000, Expiry.never()));
    sent.clear();
    ledger.transfer(transfer("award", BUDGET, A, 300, Expiry.at(EXPIRY)));
    List<String> writes = writes();
    assertThat(writes).hasSize(1);
    assertThat(writes.get(0)).contains("new_lot").doesNotContain("changed_lot", "added_");
    List<Lot> lots = ledger.lots(A, true);
    assertThat(lots).hasSize(1);
    assertThat(lots.get(0).remaining()).isEqualTo(300);
    assertThat(lots.get(0).expiresAt()).contains(EXPIRY);
    assertThat(ledger.balance(BUDGET).posted()).isEqualTo(700);
  }

  @Test
  void aTransferBetweenWalletsUpdatesTheSpentLotAndInsertsTheNewOne() {
    ledger.transfer(transfer("fund", ISSUANCE, A, 500, Expiry.at(EXPIRY)));
    sent.clear();
    ledger.transfer(transfer("share", A, B, 200, Expiry.carried()));
    List<String> writes = writes();
    assertThat(writes).hasSize(1);
    assertThat(writes.get(0)).contains("new_lot", "changed_lot");
    assertThat(ledger.lots(A, true)).singleElement().satisfies(l -> assertThat(l.remaining()).isEqualTo(300));
    assertThat(ledger.lots(B, true)).singleElement().satisfies(l -> {
      assertThat(l.remaining()).isEqualTo(200);
      assertThat(l.expiresAt()).contains(EXPIRY);
    });
    // spending the rest of A's lot: an update alone, no new lot (the credit goes to a system account)
    ledger.transfer(transfer("back", A, ISSUANCE, 300, Expiry.never()));
    writes = writes();
    assertThat(writes).hasSize(1);
    assertThat(writes.get(0)).contains("changed_lot").doesNotContain("new_lot");
    assertThat(ledger.lots(A, true)).singleElement().satisfies(l -> assertThat(l.remaining()).isZero());
    assertThat(ledger.lots(A, false)).isEmpty();
    assertThat(ledger.trialBalance().isBalanced()).isTrue();
  }

  @Test
  void aRefusalWritesItsKeyAloneAndReplays() {
    sent.clear();
    TransferRequest overdraw = transfer("overdraw", A, B, 50, Expiry.carried());
    assertThatThrownBy(() -> ledger.transfer(overdraw)).isInstanceOf(InsufficientBalanceException.class);
    List<String> writes = writes();
    assertThat(writes).hasSize(1);
    assertThat(writes.get(0)).contains("INSERT INTO ledger_idempotency")
        .doesNotContain("INSERT INTO ledger_transaction", "lotr", "added_");
    assertThat(ledger.outcome(IdempotencyKey.of("overdraw"))).hasValueSatisfying(o -> assertThat(o.isAccepted()).isFalse());
    // the refusal replays, and the key stays refused after the wallet is funded
    ledger.transfer(transfer("fund", ISSUANCE, A, 500, Expiry.at(EXPIRY)));
    assertThatThrownBy(() -> ledger.transfer(overdraw)).isInstanceOf(InsufficientBalanceException.class);
    assertThat(ledger.balance(A).posted()).isEqualTo(500);
  }

  @Test
  void aBatchWritesEveryShapeInOneStatement() {
    ledger.transfer(transfer("fund", ISSUANCE, BUDGET, 1_000, Expiry.never()));
    ledger.transfer(transfer("fundA", ISSUANCE, A, 500, Expiry.at(EXPIRY)));
    sent.clear();
    List<CommandResult> results = ledger.executeAll(List.of(
        transfer("b1", BUDGET, A, 100, Expiry.at(EXPIRY)),
        transfer("b2", A, B, 250, Expiry.carried()),
        transfer("b3", B, A, 1_000, Expiry.carried()),
        transfer("b4", ISSUANCE, BUDGET, 10, Expiry.never())));
    assertThat(results).extracting(CommandResult::isAccepted).containsExactly(true, true, false, true);
    assertThat(writes()).singleElement().satisfies(w -> assertThat(w).contains("new_lot", "changed_lot", "added_"));
    assertThat(ledger.balance(A).posted()).isEqualTo(350);
    assertThat(ledger.balance(B).posted()).isEqualTo(250);
    assertThat(ledger.balance(BUDGET).posted()).isEqualTo(910);
    assertThat(ledger.lots(A, false)).extracting(Lot::remaining).containsExactlyInAnyOrder(250L, 100L);
    assertThat(ledger.lots(B, false)).extracting(Lot::remaining).containsExactly(250L);
    assertThat(ledger.trialBalance().isBalanced()).isTrue();
    assertThat(ledger.verify().intact()).isTrue();
  }
}
