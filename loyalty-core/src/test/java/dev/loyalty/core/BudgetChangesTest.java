package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.reviewer;
import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Campaign budgets follow the program at every start: funded, raised, lowered, never below what was used. */
class BudgetChangesTest {
  private static final Instant T0 = LocalDateTime.parse("2026-07-02T10:00").atZone(ZONE).toInstant();
  private static final CampaignId MONSOON = CampaignId.of("monsoon");

  private final TestClock clock = new TestClock(T0);
  private final Ledger ledger = Ledger.inMemory(clock);

  private ChannelFixture start(long budget) {
    return ChannelFixture.onLedger(T0, ChannelFixture.program(budget), new SampleRules(), ledger);
  }

  private long budgetLeft(ChannelFixture f) {
    return ledger.balance(f.program.accounts().budget(MONSOON)).posted();
  }

  private long funded(ChannelFixture f) {
    return -ledger.balance(f.program.accounts().funding(MONSOON)).posted();
  }

  @Test
  void aLateActivityIsCutToWhatTheBudgetHeldFromItsDateOn_notLeftStuck() {
    ChannelFixture f = start(300);
    var dealer = DEALERS.get(0);
    Instant july = LocalDateTime.parse("2026-07-10T10:00").atZone(ZONE).toInstant();
    clock.set(july);
    f.engine.record(sale("S-1", dealer, Optional.empty(), july, "CAB-25", "cables", 20, "1000")); // bonus 100
    clock.set(july.plus(java.time.Duration.ofDays(10)));
    f.engine.record(sale("S-2", dealer, Optional.empty(), clock.instant(), "CAB-25", "cables", 40, "1000")); // 200
    assertThat(budgetLeft(f)).isZero();
    // S-2 comes back on the 25th: the budget gets its 200 back, as of the 25th
    clock.set(july.plus(java.time.Duration.ofDays(15)));
    f.engine.record(ChannelFixture.saleReturn("R-2", dealer, clock.instant(), "S-2", "CAB-25", 40));
    assertThat(budgetLeft(f)).isEqualTo(200);

    // an invoice of the 15th recorded on the 26th: the budget holds 200 now, but from the 15th on it
    // held nothing on the 20th, so a bonus dated the 15th cannot draw on it (the ledger refuses that)
    clock.set(july.plus(java.time.Duration.ofDays(16)));
    Receipt late = f.engine.record(sale("S-3", dealer, Optional.empty(), july.plus(java.time.Duration.ofDays(5)),
        "CAB-25", "cables", 10, "1000"));

    assertThat(late.status()).isEqualTo(Receipt.Status.RECORDED);
    assertThat(late.awards()).filteredOn(a -> a.campaign().isPresent()).singleElement().satisfies(a -> {
      assertThat(a.requested()).isEqualTo(50);
      assertThat(a.points()).isZero();
    });
    assertThat(budgetLeft(f)).isEqualTo(200);
    assertThat(f.journal.incomplete()).isEmpty();
    assertThat(ledger.trialBalance().isBalanced()).isTrue();
  }

  @Test
  void theFirstStartFundsTheBudgetAndAnUnchangedOneChangesNothing() {
    ChannelFixture first = start(300);
    assertThat(first.engine.budgetChanges()).singleElement().satisfies(c -> {
      assertThat(c.campaign()).isEqualTo(MONSOON);
      assertThat(c.before()).isZero();
      assertThat(c.after()).isEqualTo(300);
      assertThat(c.note()).isEqualTo("funded with 300 points");
    });
    int transactions = ledger.history(first.program.accounts().funding(MONSOON), Optional.empty(), 100)
        .transactions().size();

    ChannelFixture again = start(300);

    assertThat(again.engine.budgetChanges()).isEmpty();
    assertThat(ledger.history(first.program.accounts().funding(MONSOON), Optional.empty(), 100).transactions())
        .hasSize(transactions);
  }

  @Test
  void aRaisedBudgetIsToppedUpAsItsOwnTransactionWithTheChangeInItsMetadata() {
    ChannelFixture first = start(300);
    first.engine.record(sale("INV-1", DEALERS.get(0), Optional.empty(), T0, "CAB-25", "cables", 10, "1000"));

    ChannelFixture raised = start(500);

    BudgetChange change = raised.engine.budgetChanges().get(0);
    assertThat(change.before()).isEqualTo(300);
    assertThat(change.after()).isEqualTo(500);
    assertThat(change.note()).isEqualTo("budget raised from 300 to 500 points");
    Transaction tx = ledger.findTransaction(change.transaction().orElseThrow()).orElseThrow();
    assertThat(tx.metadata()).containsEntry("campaign", "monsoon").containsEntry("program", "acme-2026")
        .containsEntry("from", "300").containsEntry("to", "500");
    assertThat(tx.amountFor(raised.program.accounts().budget(MONSOON))).isEqualTo(200);
    assertThat(budgetLeft(raised)).isEqualTo(250 + 200);
    assertThat(funded(raised)).isEqualTo(500);
  }

  @Test
  void aLoweredBudgetIsReducedButNeverBelowWhatWasPaidOrReserved() {
    ChannelFixture first = ChannelFixture.onLedger(T0, ChannelFixture.program(300), facts -> {
      RuleOutcome outcome = new SampleRules().evaluate(facts);
      List<RiskFlag> flags = facts.activity().id().value().startsWith("HELD") ? List.of(new RiskFlag(
          RiskFlag.Severity.REVIEW, "check", RuleRef.of("check", "1"), "Check it.")) : List.of();
      return new RuleOutcome(outcome.awards(), outcome.qualifications(), outcome.badges(), flags, outcome.decisions());
    }, ledger);
    first.engine.record(sale("INV-1", DEALERS.get(0), Optional.empty(), T0, "CAB-25", "cables", 10, "1000"));   // 50 paid
    first.engine.record(sale("HELD-1", DEALERS.get(1), Optional.empty(), T0, "CAB-25", "cables", 20, "1000")); // 100 held

    ChannelFixture lowered = start(200);
    assertThat(lowered.engine.budgetChanges()).singleElement().satisfies(c -> {
      assertThat(c.after()).isEqualTo(200);
      assertThat(c.note()).isEqualTo("budget lowered from 300 to 200 points");
    });
    assertThat(budgetLeft(lowered)).isEqualTo(150);   // 100 of it reserved by the hold

    ChannelFixture tooLow = start(20);
    assertThat(tooLow.engine.budgetChanges()).singleElement().satisfies(c -> {
      assertThat(c.requested()).isEqualTo(20);
      assertThat(c.after()).isEqualTo(150);
      assertThat(c.note()).contains("lowered from 200 to 150 points, not to the 20 the program asks");
    });
    assertThat(ledger.balance(tooLow.program.accounts().budget(MONSOON)).available()).isZero();

    // and at the next start the program still asks for 20: nothing more can go
    assertThat(start(20).engine.budgetChanges()).singleElement().satisfies(c -> {
      assertThat(c.transaction()).isEmpty();
      assertThat(c.note()).contains("stays at 150 points");
    });
    // the held activity can still be approved from its reservation
    assertThat(first.engine.approve(dev.loyalty.core.model.ActivityId.of("HELD-1"), reviewer("auditor"), "checked")
        .totalPoints())
        .isEqualTo(300);
  }

  @Test
  void raisingLoweringAndRaisingAgainMakesThreeChanges() {
    start(300);
    start(500);
    start(400);
    ChannelFixture last = start(500);
    assertThat(last.engine.budgetChanges()).singleElement().satisfies(c -> assertThat(c.before()).isEqualTo(400));
    assertThat(funded(last)).isEqualTo(500);
    assertThat(budgetLeft(last)).isEqualTo(500);
    assertThat(ledger.history(last.program.accounts().funding(MONSOON), Optional.empty(), 100).transactions())
        .hasSize(4);
  }

  @Test
  void aBudgetFundedTheOldWayIsCountedNotFundedAgain() {
    // what the engine did before budgets could change: one transfer from issuance under <prefix>:fund:<campaign>
    AccountId issuance = AccountId.of("acme:system:issuance");
    AccountId budget = AccountId.of("acme:budget:monsoon");
    ledger.openAccount(issuance, dev.loyalty.ledger.AccountType.SYSTEM);
    ledger.openAccount(budget, dev.loyalty.ledger.AccountType.BUDGET);
    ledger.transfer(new TransferRequest(IdempotencyKey.of("acme:fund:monsoon"), List.of(Entry.debit(issuance, 300),
        Entry.credit(budget, 300)), "campaign-budget", Map.of("campaign", "monsoon"), Optional.empty()));

    assertThat(start(300).engine.budgetChanges()).isEmpty();
    ChannelFixture raised = start(350);
    assertThat(raised.engine.budgetChanges()).singleElement().satisfies(c -> {
      assertThat(c.before()).isEqualTo(300);
      assertThat(c.after()).isEqualTo(350);
    });
    assertThat(ledger.balance(budget).posted()).isEqualTo(350);
  }

  @Test
  void enginesStartingTogetherWithTheSameProgramChangeTheBudgetOnce() throws Exception {
    start(300);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ChannelFixture>> starts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      starts.add(pool.submit(() -> {
        go.await();
        return start(900);
      }));
    }
    go.countDown();
    for (Future<ChannelFixture> s : starts) {
      s.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(ledger.balance(AccountId.of("acme:budget:monsoon")).posted()).isEqualTo(900);
    assertThat(ledger.balance(AccountId.of("acme:funding:monsoon")).posted()).isEqualTo(-900);
  }
}
